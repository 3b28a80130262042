package cn.unionhub.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.platform.domain.RuleViolationException;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

class FiltersTest {

    @Test
    void aCountyIsMatchedExactlyACityOrProvinceByTheCodesPrefix() {
        assertThat(Filters.equal("district", Filters.within("330211")).getCriteriaObject()).isEqualTo(new Document("district", "330211"));
        Object city = Filters.equal("district", Filters.within("330200")).getCriteriaObject().get("district");
        assertThat(city).isInstanceOf(Pattern.class);
        assertThat(((Pattern) city).pattern()).isEqualTo("^3302");
        assertThat(((Pattern) Filters.equal("district", Filters.within("330000")).getCriteriaObject().get("district")).pattern())
                .isEqualTo("^33");
        // Not a code: matched as it is, never as a pattern (a request's "." must not match every district).
        assertThat(Filters.equal("district", Filters.within(".*")).getCriteriaObject()).isEqualTo(new Document("district", ".*"));
        assertThat(Filters.equal("district", Filters.within(null), "status", "OPEN").getCriteriaObject())
                .isEqualTo(new Document("status", "OPEN"));
    }

    @Test
    void aPageDeeperThanTheLimitIsRefusedRatherThanOverflowingTheStoresSkip() {
        Query page = Filters.page(new Query(new Criteria()), 3, 50);
        assertThat(page.getSkip()).isEqualTo(150);
        assertThat(page.getLimit()).isEqualTo(50);
        assertThat(Filters.page(new Query(), 10_000, 100).getSkip()).isEqualTo(Filters.MAX_OFFSET);
        assertThatThrownBy(() -> Filters.page(new Query(), 42_949_673, 100))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.code()).isEqualTo("invalid-page"));
    }

    /** Each wrong parameter named: page -1 was blamed on the size in one list and answered as page 0 in another. */
    @Test
    void aNegativePageAndASizeOutOfRangeAreEachNamed() {
        assertThatThrownBy(() -> Filters.checkPage(-1, 50, 200)).isInstanceOfSatisfying(RuleViolationException.class,
                e -> assertThat(e.violations()).extracting(RuleViolationException.FieldViolation::field).containsExactly("page"));
        assertThatThrownBy(() -> Filters.checkPage(-1, 0, 200)).isInstanceOfSatisfying(RuleViolationException.class,
                e -> assertThat(e.violations()).extracting(RuleViolationException.FieldViolation::field).containsExactly("size", "page"));
        assertThatThrownBy(() -> Filters.page(new Query(new Criteria()), -1, 50)).isInstanceOf(RuleViolationException.class);
        Filters.checkPage(0, 200, 200);
    }
}
