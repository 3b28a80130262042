package cn.unionhub.alert.registry.domain;

import cn.unionhub.platform.register.RegisteredEnterprise;
import java.util.Optional;

/** Looks enterprises up in the event-fed copy of the register, by unified social credit code. */
public interface EnterpriseRegister {

    Optional<RegisteredEnterprise> find(String uscc);
}
