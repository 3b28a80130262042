package cn.unionhub.membercard;

import cn.unionhub.test.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void domainCodeDependsOnNoFrameworkAndFeaturesStayApart() {
        ArchitectureRules.check("cn.unionhub.membercard");
    }
}
