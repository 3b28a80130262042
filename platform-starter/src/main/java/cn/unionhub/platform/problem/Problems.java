package cn.unionhub.platform.problem;

import java.net.URI;
import java.util.Locale;
import org.slf4j.MDC;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problems with a stable {@code type} URI per problem code and zh-CN text, or
 * English when the caller sends {@code Accept-Language: en}. Every problem carries the request id.
 */
public class Problems {

    public static final String TYPE_BASE = "https://unionhub.cn/problems/";

    private final MessageSource messages;

    public Problems(MessageSource messages) {
        this.messages = messages;
    }

    public ProblemDetail of(HttpStatusCode status, String code, Object... arguments) {
        return of(LocaleContextHolder.getLocale(), status, code, arguments);
    }

    /** A code among a problem's arguments (a status, an action): letters, digits after the first, {@code _} and {@code -}. */
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final java.time.format.DateTimeFormatter BEIJING_MINUTE = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(java.time.ZoneId.of("Asia/Shanghai"));

    /**
     * The arguments with each code in the words of the request's language where the service's messages have them
     * ({@code value.<code>}: {@code value.RESOLVED=已办结}, {@code value.resolve=办结}), else as it is: "工单 … 处于
     * RESOLVED 状态，不能执行“resolve”" was what a union's staff read.
     */
    private static Object[] readable(Object[] arguments, Locale locale) {
        if (arguments == null) {
            return null;
        }
        Object[] shown = arguments.clone();
        for (int i = 0; i < shown.length; i++) {
            if (shown[i] instanceof java.time.Instant at) {
                // A moment as people here read it: "报名已于 2026-12-04T21:38:48Z 截止" was the next morning in Beijing.
                shown[i] = BEIJING_MINUTE.format(at) + ("zh".equals(locale.getLanguage()) ? "（北京时间）" : " (Beijing time)");
                continue;
            }
            if (shown[i] instanceof Enum<?> e) {
                shown[i] = e.name(); // a status passed as itself, not by name
            }
            if (shown[i] instanceof String s && CODE.matcher(s).matches()) {
                shown[i] = new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] {"value." + s}, s);
            }
        }
        return shown;
    }

    /** For callers outside Spring MVC's request handling (security filters), which resolve the locale themselves. */
    public ProblemDetail of(Locale locale, HttpStatusCode status, String code, Object... arguments) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(TYPE_BASE + code));
        Object[] shown = readable(arguments, locale);
        problem.setTitle(messages.getMessage("problem." + code + ".title", shown, code, locale));
        problem.setDetail(messages.getMessage("problem." + code + ".detail", shown, null, locale));
        String requestId = MDC.get(RequestIds.MDC_KEY);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    /**
     * Why one field was refused ({@code field.<code>}), in the request's language; the code itself when no
     * bundle explains it. The one lookup behind every list of bad fields: a problem's {@code errors}, an
     * import's error report, an enrolment list's rows.
     */
    public String fieldMessage(String code, Object... arguments) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage("field." + code, readable(arguments, locale), code, locale);
    }

    /** One refused field as every answer lists it: a problem's {@code errors}, an enrolment list's or an import's rows. */
    public record FieldError(String field, String code, String message) {
    }

    /** The violations with their messages in the request's language. */
    public java.util.List<FieldError> fieldErrors(java.util.List<cn.unionhub.platform.domain.RuleViolationException.FieldViolation> violations) {
        return violations.stream().map(v -> new FieldError(v.field(), v.code(), fieldMessage(v.code(), v.arguments()))).toList();
    }

    /** Bean Validation messages, resolved through the same bundles (zh-CN default). */
    public String message(org.springframework.context.MessageSourceResolvable error, Locale locale) {
        return messages.getMessage(error, locale);
    }
}
