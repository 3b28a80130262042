package cn.unionhub.membercard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** member-card-service: member registry, cards, welfare account, coupons and entitlements. */
@SpringBootApplication
@EnableScheduling
public class MemberCardServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(MemberCardServiceApplication.class, args);
    }
}
