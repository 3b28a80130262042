package cn.unionhub.membercard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** member-card-service: member registry, cards, welfare account, coupons and entitlements. */
@SpringBootApplication
public class MemberCardServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(MemberCardServiceApplication.class, args);
    }
}
