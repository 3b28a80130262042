package cn.unionhub.alert;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** alert-service: labor-relations risk scoring, graded warnings, daily report, closed loop. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(AlertProperties.class)
public class AlertServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AlertServiceApplication.class, args);
    }
}
