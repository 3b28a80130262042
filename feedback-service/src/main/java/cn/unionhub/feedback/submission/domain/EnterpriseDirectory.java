package cn.unionhub.feedback.submission.domain;

import java.util.Optional;

/** Looks enterprises up by unified social credit code; the store implements it. */
public interface EnterpriseDirectory {

    Optional<Enterprise> find(String uscc);
}
