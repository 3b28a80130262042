package cn.unionhub.contest;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.contest.award.domain.AwardKind;
import cn.unionhub.contest.award.domain.Condition;
import cn.unionhub.contest.contest.domain.AspectKind;
import cn.unionhub.contest.contest.domain.Tier;
import cn.unionhub.contest.contest.domain.TieRule;
import cn.unionhub.contest.craftsman.domain.NominationChannel;
import cn.unionhub.contest.craftsman.domain.Stage;
import cn.unionhub.contest.judging.domain.Scorecard;
import cn.unionhub.contest.notice.domain.Verdict;
import cn.unionhub.contest.registration.domain.Channel;
import cn.unionhub.contest.registration.domain.Employment;
import cn.unionhub.platform.domain.Labelled;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every code a person sees has its Chinese and English words. */
class MessagesTest {

    private static final List<Class<? extends Enum<?>>> LABELLED = List.of(AwardKind.class, Condition.class, Tier.class,
            TieRule.class, AspectKind.class, Channel.class, Employment.class, Scorecard.Shortfall.class, Verdict.class,
            NominationChannel.class, Stage.class);

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void everyLabelledCodeHasAChineseAndAnEnglishLabel() {
        for (Class<? extends Enum<?>> type : LABELLED) {
            for (Enum<?> constant : type.getEnumConstants()) {
                Labelled code = (Labelled) constant;
                assertThat(code.label(Locale.SIMPLIFIED_CHINESE)).as("%s.%s", type.getSimpleName(), constant.name())
                        .isNotBlank().matches(".*\\p{IsHan}.*");
                assertThat(code.label(Locale.ENGLISH)).as("%s.%s in English", type.getSimpleName(), constant.name())
                        .isNotBlank().doesNotContainPattern("\\p{IsHan}");
            }
        }
    }

    @Test
    void chineseAndEnglishMessagesHaveTheSameKeysAndEveryProblemATitleAndADetail() throws IOException {
        Properties zh = load("messages.properties");
        Properties en = load("messages_en.properties");

        assertThat(en.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(zh.stringPropertyNames());
        Stream.of(zh, en).forEach(messages -> messages.stringPropertyNames().stream()
                .filter(k -> k.startsWith("problem.") && k.endsWith(".title"))
                .forEach(title -> assertThat(messages.getProperty(title.replace(".title", ".detail"))).as(title).isNotBlank()));
    }

    @Test
    void everyProblemAndFieldCodeTheDomainRaisesHasItsMessage() throws IOException {
        Properties messages = load("messages.properties");
        messages.putAll(load("unionhub-problems.properties"));
        Pattern problem = Pattern.compile("new (?:Conflict|Forbidden|NotFound|RuleViolation)Exception\\(\\s*\"([a-z0-9-]+)\"");
        Pattern field = Pattern.compile("new FieldViolation\\([^;]*?, \"([a-z0-9-]+)\"");
        List<String> missing = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source);
                for (Matcher m = problem.matcher(text); m.find(); ) {
                    if (messages.getProperty("problem." + m.group(1) + ".title") == null) {
                        missing.add("problem." + m.group(1) + " in " + source.getFileName());
                    }
                }
                for (Matcher m = field.matcher(text); m.find(); ) {
                    if (messages.getProperty("field." + m.group(1)) == null) {
                        missing.add("field." + m.group(1) + " in " + source.getFileName());
                    }
                }
            }
        }
        for (String code : List.of("reason-required", "invalid-self-evaluation")) {
            if (messages.getProperty("problem." + code + ".title") == null) {
                missing.add("problem." + code);
            }
        }
        if (messages.getProperty("field.time-out-of-range") == null) {
            missing.add("field.time-out-of-range");
        }
        assertThat(missing).isEmpty();
    }
}
