package cn.unionhub.platform.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashChainTest {

    /** The smallest owner of a chain: a line of text per entry. */
    record Line(int sequence, String text, String previousHash, String hash) implements HashChain.Link {

        static String hash(int sequence, String text, String previousHash) {
            return HashChain.fields().add(sequence).add(text).add(previousHash).sha256();
        }

        static List<Line> append(List<Line> chain, String text) {
            String previous = HashChain.previousHashFor(chain);
            List<Line> next = new ArrayList<>(chain);
            next.add(new Line(chain.size() + 1, text, previous, hash(chain.size() + 1, text, previous)));
            return next;
        }
    }

    private static List<Line> minutes() {
        List<Line> chain = List.of();
        chain = Line.append(chain, "开通通勤车");
        chain = Line.append(chain, "食堂增加夜班餐");
        return Line.append(chain, "更换宿舍空调");
    }

    @Test
    void fieldsAreLengthPrefixedSoASeparatorInsideATextCannotForgeTwoFields() {
        assertThat(HashChain.fields().add("a|1:b").toString()).isEqualTo("5:a|1:b|");
        assertThat(HashChain.fields().add("a").add("b").toString()).isEqualTo("1:a|1:b|");
        assertThat(HashChain.fields().add((String) null).add("").toString()).isEqualTo("-1:|0:|");
        assertThat(HashChain.fields().add("工会").add(42).toString())
                .as("lengths count UTF-16 code units, as chains already stored were sealed")
                .isEqualTo("2:工会|2:42|");
    }

    @Test
    void theHashIsTheHexSha256OfTheCanonicalText() {
        assertThat(HashChain.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(HashChain.fields().add("abc").sha256()).isEqualTo(HashChain.sha256Hex("3:abc|"));
    }

    @Test
    void anUntouchedChainVerifiesFromTheGenesisHash() {
        List<Line> chain = minutes();

        assertThat(chain.get(0).previousHash()).isEqualTo(HashChain.GENESIS).hasSize(64);
        assertThat(HashChain.verify(chain, l -> Line.hash(l.sequence(), l.text(), l.previousHash())))
                .isEqualTo(HashChain.Verification.intact(3));
        assertThat(HashChain.verify(List.<Line>of(), l -> "").valid()).isTrue();
    }

    @Test
    void theFirstBrokenEntryIsReportedWithWhatIsWrongWithIt() {
        List<Line> edited = new ArrayList<>(minutes());
        Line second = edited.get(1);
        edited.set(1, new Line(2, "食堂取消夜班餐", second.previousHash(), second.hash()));
        assertThat(HashChain.verify(edited, l -> Line.hash(l.sequence(), l.text(), l.previousHash())))
                .isEqualTo(new HashChain.Verification(false, 3, 2, "content does not match its hash"));

        List<Line> resealed = new ArrayList<>(minutes());
        resealed.set(1, new Line(2, "食堂取消夜班餐", second.previousHash(), Line.hash(2, "食堂取消夜班餐", second.previousHash())));
        assertThat(HashChain.verify(resealed, l -> Line.hash(l.sequence(), l.text(), l.previousHash())))
                .isEqualTo(new HashChain.Verification(false, 3, 3, "does not follow the entry before it"));

        List<Line> gap = new ArrayList<>(minutes());
        gap.remove(0);
        assertThat(HashChain.verify(gap, l -> Line.hash(l.sequence(), l.text(), l.previousHash())))
                .isEqualTo(new HashChain.Verification(false, 2, 1, "sequence 2 where 1 belongs"));
    }
}
