package cn.unionhub.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

class CsvTest {

    @Test
    void aStreamedExportIsTheSameFileAsOneBuiltInMemory() throws Exception {
        Object[][] rows = {{"GD-20261121-0001", "=HYPERLINK(\"x\")", 12_000L, null}, {"GD-2", "班车太少,食堂偏咸", 0, "说\"不\""}};
        Csv built = Csv.withHeader("工单编号", "内容", "金额(分)", "备注");
        MockHttpServletResponse response = new MockHttpServletResponse();
        Csv.Rows streamed = Csv.streamTo(response, "工单 ledger.csv", "工单编号", "内容", "金额(分)", "备注");
        for (Object[] row : rows) {
            built.row(row);
            streamed.row(row);
        }
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(built.toString())
                .startsWith("\uFEFF工单编号,").contains("'=HYPERLINK").contains("\"班车太少,食堂偏咸\"");
        assertThat(response.getContentType()).startsWith("text/csv").contains("UTF-8");
        assertThat(response.getHeader("Content-Disposition")).isEqualTo(built.download("工单 ledger.csv").getHeaders()
                .getFirst("Content-Disposition"));
    }
}
