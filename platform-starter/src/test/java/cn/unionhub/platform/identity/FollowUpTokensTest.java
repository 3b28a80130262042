package cn.unionhub.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FollowUpTokensTest {

    @Test
    void tokenIsReadableAndOnlyItsHashIsKept() {
        FollowUpTokens.Issued issued = FollowUpTokens.issue();

        assertThat(issued.token()).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}");
        assertThat(issued.hash()).hasSize(64).doesNotContain(issued.token().replace("-", ""));
        assertThat(FollowUpTokens.matches(issued.token(), issued.hash())).isTrue();
    }

    @Test
    void typingDifferencesDoNotMatterButAnotherTokenNeverMatches() {
        FollowUpTokens.Issued issued = FollowUpTokens.issue();
        String retyped = issued.token().toLowerCase().replace("-", " ");

        assertThat(FollowUpTokens.matches(retyped, issued.hash())).isTrue();
        assertThat(FollowUpTokens.matches(FollowUpTokens.issue().token(), issued.hash())).isFalse();
        assertThat(FollowUpTokens.matches(null, issued.hash())).isFalse();
    }

    @Test
    void derivedTokensRepeatForTheSameSecretSeedOnly() {
        FollowUpTokens.Issued first = FollowUpTokens.derive("psn_secret-seed-of-request-1");

        assertThat(FollowUpTokens.derive("psn_secret-seed-of-request-1")).isEqualTo(first);
        assertThat(FollowUpTokens.derive("psn_secret-seed-of-request-2").token()).isNotEqualTo(first.token());
        assertThat(FollowUpTokens.matches(first.token(), first.hash())).isTrue();
    }

    @Test
    void tokensDoNotRepeat() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            tokens.add(FollowUpTokens.issue().token());
        }
        assertThat(tokens).hasSize(10_000);
    }
}
