package cn.unionhub.feedback.registry.domain;

import cn.unionhub.platform.register.RegisteredEnterprise;
import java.util.Optional;

/** Looks enterprises up in the event-fed copy of the register, by unified social credit code. */
public interface EnterpriseDirectory {

    Optional<RegisteredEnterprise> find(String uscc);
}
