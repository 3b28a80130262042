package cn.unionhub.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.http.HttpStatus;

class ProblemsTest {

    /** A moment in a message is Beijing's wall clock, said so: "2026-12-04T21:38:48Z" was the next morning there. */
    @Test
    void momentsInMessagesAreBeijingTime() {
        StaticMessageSource messages = new StaticMessageSource();
        messages.addMessage("problem.closed.title", Locale.SIMPLIFIED_CHINESE, "已截止");
        messages.addMessage("problem.closed.detail", Locale.SIMPLIFIED_CHINESE, "报名已于 {0} 截止。");
        messages.addMessage("problem.closed.title", Locale.ENGLISH, "Closed");
        messages.addMessage("problem.closed.detail", Locale.ENGLISH, "Registration closed at {0}.");
        messages.addMessage("field.in-the-past", Locale.SIMPLIFIED_CHINESE, "不能早于 {0}");
        Problems problems = new Problems(messages);
        Instant at = Instant.parse("2026-12-04T21:38:48Z");

        assertThat(problems.of(Locale.SIMPLIFIED_CHINESE, HttpStatus.CONFLICT, "closed", at).getDetail())
                .isEqualTo("报名已于 2026-12-05 05:38（北京时间） 截止。");
        assertThat(problems.of(Locale.ENGLISH, HttpStatus.CONFLICT, "closed", at).getDetail())
                .isEqualTo("Registration closed at 2026-12-05 05:38 (Beijing time).");
        org.springframework.context.i18n.LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        try {
            assertThat(problems.fieldMessage("in-the-past", at)).isEqualTo("不能早于 2026-12-05 05:38（北京时间）");
        } finally {
            org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
        }
    }
}
