package cn.unionhub.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package rules every service keeps: domain code depends on no web, Kafka, MongoDB or JSON
 * framework, so business rules can be read and tested on their own.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    public static void check(String basePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        noClasses().that().resideInAPackage(basePackage + "..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "com.mongodb..", "org.bson..",
                        "tools.jackson..", "com.fasterxml.jackson..", "io.cloudevents..", "jakarta.servlet..")
                .because("domain code must stay free of framework types (docs/architecture.md)")
                .allowEmptyShould(true)
                .check(classes);
    }
}
