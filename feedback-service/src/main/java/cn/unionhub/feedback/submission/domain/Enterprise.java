package cn.unionhub.feedback.submission.domain;

/** The enterprise a submission is about, from the enterprise directory (an event-fed copy). */
public record Enterprise(String uscc, String name, String district) {
}
