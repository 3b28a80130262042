package cn.unionhub.feedback.submission;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Applies the default rating to items nobody rated within the rating window, now and then. */
@Component
class DefaultRatings {

    private static final Logger log = LoggerFactory.getLogger(DefaultRatings.class);

    private final SubmissionService submissions;

    DefaultRatings(SubmissionService submissions) {
        this.submissions = submissions;
    }

    @Scheduled(fixedDelayString = "${unionhub.feedback.default-rating-check:PT10M}", initialDelayString = "PT1M")
    void apply() {
        int applied = submissions.applyDefaultRatings();
        if (applied > 0) {
            log.info("Applied the default rating to {} resolved items nobody rated in time", applied);
        }
    }
}
