package cn.unionhub.contest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import cn.unionhub.test.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.unionhub.contest");

    @Test
    void domainCodeDependsOnNoFrameworkAndFeaturesStayApart() {
        ArchitectureRules.check("cn.unionhub.contest");
    }

    /** contest → registration → judging → ranking → award → results, notice → craftsman: never back. */
    @Test
    void featuresDependOnEachOtherWithoutCycles() {
        slices().matching("cn.unionhub.contest.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void domainCodeKnowsNothingOfTheApiOrTheStore() {
        noClasses().that().resideInAPackage("cn.unionhub.contest..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.unionhub.contest..api..", "cn.unionhub.contest..store..",
                        "cn.unionhub.contest..messaging..")
                .check(CLASSES);
    }
}
