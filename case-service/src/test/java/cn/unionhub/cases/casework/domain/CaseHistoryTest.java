package cn.unionhub.cases.casework.domain;

import static cn.unionhub.cases.casework.domain.CaseFixtures.CALENDAR;
import static cn.unionhub.cases.casework.domain.CaseFixtures.CHAIR;
import static cn.unionhub.cases.casework.domain.CaseFixtures.beijing;
import static cn.unionhub.cases.casework.domain.CaseFixtures.opened;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaseHistoryTest {

    private static final HistoryEntry.Attachment MINUTES = new HistoryEntry.Attachment("协调会纪要.pdf", "application/pdf", 48_213,
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

    private static List<HistoryEntry> fullRecord() {
        return opened(beijing("2026-11-23T09:00"))
                .accept(CHAIR, beijing("2026-11-23T09:30")).changed()
                .record(CHAIR, "MEETING", "与企业人事、职工代表召开协调会，企业同意开通通勤车", List.of(MINUTES), beijing("2026-11-23T14:00")).changed()
                .respond(CHAIR, "公司将于下月开通通勤车", List.of(), CALENDAR, beijing("2026-11-23T15:00")).changed()
                .history();
    }

    @Test
    void anEntrysHashIsPinnedSoStoredChainsKeepVerifying() {
        // Pinned before the encoding moved to the platform's HashChain (and reproduced independently):
        // stored chains were sealed with it, so a change would make every one of them fail verification.
        HistoryEntry meeting = new HistoryEntry(4, Instant.parse("2026-11-23T06:00:00Z"), "chair-wang-fang",
                "ENTERPRISE_UNION", "MEETING", "与企业人事、职工代表召开协调会|企业同意开通通勤车",
                Map.of("organisation", "宁波富德能源有限公司工会", "amountFen", "1250000", "note", ""),
                List.of(MINUTES), "4f1c0f4ee1fd4bfa1f40b0c7c1a7e5f1e6dc0b3ab1e0f7d1b0f3a6c9e2d1c0b7", null);

        HistoryEntry opened = new HistoryEntry(1, Instant.parse("2026-11-23T01:00:00.123Z"), "worker", "WORKER",
                "OPENED", null, Map.of(), List.of(), CaseHistory.GENESIS, null);

        assertThat(CaseHistory.hash(meeting)).isEqualTo("285dc7988493058bc95a8447399bfe66f141299d5cc71585ec262d10ad925ccd");
        assertThat(CaseHistory.hash(opened)).isEqualTo("623c01e7bff327225df98eeb467ae60cb1b3bfd864dd5ca7746c499e805b0fc0");
    }

    @Test
    void anUntouchedRecordVerifies() {
        List<HistoryEntry> history = fullRecord();

        assertThat(history).extracting(HistoryEntry::action).containsExactly("OPENED", "ROUTED", "ACCEPTED", "MEETING", "RESPONDED");
        assertThat(history.get(0).previousHash()).isEqualTo(CaseHistory.GENESIS);
        assertThat(CaseHistory.verify(history)).isEqualTo(new CaseHistory.Verification(true, 5, null, null));
    }

    @Test
    void anEditedEntryIsFound() {
        List<HistoryEntry> history = new ArrayList<>(fullRecord());
        HistoryEntry meeting = history.get(3);
        history.set(3, new HistoryEntry(meeting.sequence(), meeting.at(), meeting.actor(), meeting.actorRole(), meeting.action(),
                "企业拒绝开通通勤车", meeting.details(), meeting.attachments(), meeting.previousHash(), meeting.hash()));

        CaseHistory.Verification result = CaseHistory.verify(history);
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(4);
    }

    @Test
    void aSwappedAttachmentIsFound() {
        List<HistoryEntry> history = new ArrayList<>(fullRecord());
        HistoryEntry meeting = history.get(3);
        HistoryEntry.Attachment other = new HistoryEntry.Attachment(MINUTES.name(), MINUTES.contentType(), MINUTES.size(),
                "0".repeat(64));
        history.set(3, new HistoryEntry(meeting.sequence(), meeting.at(), meeting.actor(), meeting.actorRole(), meeting.action(),
                meeting.text(), meeting.details(), List.of(other), meeting.previousHash(), meeting.hash()));

        assertThat(CaseHistory.verify(history).firstBrokenSequence()).isEqualTo(4);
    }

    @Test
    void anEntryResealedAfterEditingBreaksTheLinkToTheNext() {
        List<HistoryEntry> history = new ArrayList<>(fullRecord());
        HistoryEntry accepted = history.get(2);
        HistoryEntry forged = new HistoryEntry(accepted.sequence(), accepted.at().minusSeconds(3600), accepted.actor(),
                accepted.actorRole(), accepted.action(), accepted.text(), Map.of(), List.of(), accepted.previousHash(), null);
        history.set(2, new HistoryEntry(forged.sequence(), forged.at(), forged.actor(), forged.actorRole(), forged.action(),
                forged.text(), forged.details(), forged.attachments(), forged.previousHash(), CaseHistory.hash(forged)));

        assertThat(CaseHistory.verify(history).firstBrokenSequence()).isEqualTo(4);
    }

    @Test
    void aRemovedOrReorderedEntryIsFound() {
        List<HistoryEntry> removed = new ArrayList<>(fullRecord());
        removed.remove(3);
        assertThat(CaseHistory.verify(removed).valid()).isFalse();

        List<HistoryEntry> truncatedTail = fullRecord().subList(0, 4);
        assertThat(CaseHistory.verify(truncatedTail).valid())
                .as("a chain cut at its end still verifies: the entry count on the case and its events tell what is missing")
                .isTrue();

        List<HistoryEntry> swapped = new ArrayList<>(fullRecord());
        HistoryEntry third = swapped.get(2);
        swapped.set(2, swapped.get(3));
        swapped.set(3, third);
        assertThat(CaseHistory.verify(swapped).firstBrokenSequence()).isEqualTo(3);
    }
}
