package cn.unionhub.platform.web;

import cn.unionhub.platform.domain.Labelled;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.i18n.LocaleContextHolder;

/** One code-list entry as the API returns it, labelled in the caller's language: {@code {"code":"WAGES_ARREARS","label":"工资与欠薪"}}. */
public record CodeLabel(String code, String label) {

    public static <E extends Enum<E> & Labelled> List<CodeLabel> of(E[] values) {
        return Arrays.stream(values).map(v -> new CodeLabel(v.name(), v.label(LocaleContextHolder.getLocale()))).toList();
    }
}
