package cn.unionhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every service formats every message through {@code java.text.MessageFormat}
 * ({@code spring.messages.always-use-message-format}), where a single apostrophe starts a quoted run:
 * "the campaign's tiers: {0}" would show as "the campaigns tiers: {0}", the argument never filled in.
 * So every message writes an apostrophe twice.
 */
class MessagesFormatTest {

    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    @Test
    void everyMessageWritesItsApostrophesTwice() throws IOException {
        List<String> wrong = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> all = Files.walk(Repo.ROOT, 6)) {
            files = all.filter(p -> p.getFileName().toString().matches("(messages|unionhub-problems|gateway-problems)(_[a-z]+)?\\.properties"))
                    .filter(p -> p.toString().contains("/src/main/resources/")).toList();
        }
        assertThat(files).as("every service has its messages").hasSizeGreaterThanOrEqualTo(14);
        for (Path file : files) {
            Properties messages = new Properties();
            messages.load(new StringReader(Repo.read(file)));
            messages.forEach((key, value) -> {
                String text = (String) value;
                if (LONE_APOSTROPHE.matcher(text).find()) {
                    wrong.add(Repo.ROOT.relativize(file) + ": " + key);
                }
            });
        }
        assertThat(wrong).as("messages with a single apostrophe").isEmpty();
    }
}
