package cn.unionhub.contest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** contest-service: tiered skill contests, scoring, rankings, awards and craftsman selection. */
@SpringBootApplication
public class ContestServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ContestServiceApplication.class, args);
    }
}
