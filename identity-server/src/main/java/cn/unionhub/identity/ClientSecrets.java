package cn.unionhub.identity;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The government client's secret must be given for the installation. Spring leaves a placeholder
 * it cannot resolve in place when it binds the client registrations, so without this check an
 * unset {@code UNIONHUB_LABOR_INSPECTION_SECRET} would make the literal text
 * {@code ${UNIONHUB_LABOR_INSPECTION_SECRET}} the secret of a client that reads every case. The
 * demo value is accepted only in the local run.
 */
@Component
class ClientSecrets implements InitializingBean {

    static final String LABOR_INSPECTION = "UNIONHUB_LABOR_INSPECTION_SECRET";
    private static final String DEMO = "local-demo-secret";
    private static final int MIN_LENGTH = 16;

    private final Environment environment;

    ClientSecrets(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        String secret = environment.getProperty(LABOR_INSPECTION);
        boolean local = environment.acceptsProfiles(Profiles.of("local"));
        if (secret == null || secret.isBlank() || secret.contains("${")) {
            throw new IllegalStateException("Set " + LABOR_INSPECTION + " (16+ random characters): the labor-inspection "
                    + "client has no secret otherwise");
        }
        if (!local && (secret.equals(DEMO) || secret.length() < MIN_LENGTH)) {
            throw new IllegalStateException(LABOR_INSPECTION + " is the demo value or shorter than " + MIN_LENGTH
                    + " characters; only the local run may use the demo secret");
        }
    }
}
