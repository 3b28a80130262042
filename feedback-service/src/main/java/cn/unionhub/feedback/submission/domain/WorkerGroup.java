package cn.unionhub.feedback.submission.domain;

import cn.unionhub.platform.domain.Labelled;

/** Key groups get a green channel in case routing (新就业形态劳动者、农民工). */
public enum WorkerGroup implements Labelled {
    GIG_WORKER,
    MIGRANT_WORKER,
    REGULAR
}
