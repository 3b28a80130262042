package cn.unionhub.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowsTest {

    private static List<String> rowsWithLines(String text) throws IOException {
        CsvRows csv = new CsvRows(new StringReader(text));
        List<String> out = new ArrayList<>();
        for (List<String> row = csv.next(); row != null; row = csv.next()) {
            out.add(csv.line() + ":" + String.join("|", row));
        }
        return out;
    }

    @Test
    void readsQuotedFieldsDoubledQuotesAndLineBreaksInsideQuotes() throws IOException {
        String text = "\uFEFFuscc,name,address\r\n"
                + "A,\"宁波\"\"富德\"\"能源\",\"镇海区\r\n澥浦镇\"\r\n"
                + "B,,\n"
                + "\n"
                + "C,plain,last";
        assertThat(rowsWithLines(text)).containsExactly(
                "1:uscc|name|address",
                "2:A|宁波\"富德\"能源|镇海区\r\n澥浦镇",
                "4:B||",
                "6:C|plain|last");
    }

    @Test
    void anUnclosedQuoteIsAnErrorNotTheRestOfTheFile() {
        assertThatThrownBy(() -> rowsWithLines("a,b\n\"never closed,x\n" + "y,".repeat(3000)))
                .isInstanceOf(IOException.class);
    }
}
