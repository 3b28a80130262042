package cn.unionhub.platform.domain;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * A code-list constant that front-ends show to people. Labels live in the service's
 * {@code labels.properties} (zh-CN, the default) and {@code labels_en.properties}, keyed
 * {@code <EnumName>.<CONSTANT>}, so an enum stays a plain list of codes.
 */
public interface Labelled {

    String BUNDLE = "labels";

    String name();

    default String label(Locale locale) {
        String key = getClass().getSimpleName() + "." + name();
        try {
            return ResourceBundle.getBundle(BUNDLE, locale, getClass().getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
        } catch (MissingResourceException e) {
            if (locale.getLanguage().isEmpty()) {
                throw e;
            }
            return label(Locale.ROOT);
        }
    }
}
