package cn.unionhub.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's logback-spring.xml: plain text by default, JSON lines (ECS) when a structured format
 * is set, and in both a worker's mobile number or resident id never reaches the log.
 */
class LogFormatTest {

    private static final String LINE = "回访电话 13812345678，身份证 330211199001011234";

    @Test
    void plainTextByDefaultWithPersonalDataMasked() throws Exception {
        String output = log(null);

        assertThat(output).contains("回访电话 138****5678").doesNotContain("13812345678").doesNotContain("330211199001011234");
        assertThat(output.trim()).doesNotStartWith("{");
    }

    @Test
    void ecsJsonLinesWhenAskedWithPersonalDataMaskedInEveryMember() throws Exception {
        String output = log("ecs");

        JsonNode line = JsonMapper.builder().build().readTree(output.lines().filter(l -> l.contains("回访电话")).findFirst().orElseThrow());
        assertThat(line.path("ecs").path("version").asString()).isNotBlank();
        assertThat(line.path("log").path("level").asString()).isEqualTo("WARN");
        assertThat(line.path("message").asString()).contains("回访电话 138****5678").doesNotContain("13812345678");
        assertThat(output).doesNotContain("13812345678").doesNotContain("330211199001011234");
        assertThat(line.path("error").path("stack_trace").asString()).contains("IllegalStateException").contains("138****5678");
    }

    /** Configures a fresh logback context from the starter's file, logs one line, returns what the console got. */
    private static String log(String structuredFormat) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "log-format-test");
        context.putObject(Environment.class.getName(), environment);
        if (structuredFormat != null) {
            context.putProperty("CONSOLE_LOG_STRUCTURED_FORMAT", structuredFormat);
        }
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getResource("/logback-spring.xml"));
            context.getLogger("cn.unionhub.test").warn(LINE, new IllegalStateException("打不通 13812345678"));
        } finally {
            context.stop();
            System.setOut(console);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
