package cn.unionhub.platform.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChoicesTest {

    @Test
    void readsAConstantWhateverItsCaseAndDashesAndCollectsWhatIsWrong() {
        List<FieldViolation> wrong = new ArrayList<>();
        assertThat(Choices.read(DayOfWeek.class, " monday ", "day", wrong)).isEqualTo(DayOfWeek.MONDAY);
        assertThat(Choices.read(DayOfWeek.class, "SUN-DAY", "day", wrong)).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(Choices.read(DayOfWeek.class, "Someday", "day", wrong)).isNull();
        assertThat(Choices.read(DayOfWeek.class, " ", "other", wrong)).isNull();
        assertThat(wrong).extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("day", "unknown-choice"), org.assertj.core.groups.Tuple.tuple("other", "required"));
        assertThat(wrong.get(0).arguments()).containsExactly("Someday",
                "MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY"); // the options, for the message
        assertThatThrownBy(() -> Choices.read(DayOfWeek.class, "x", "day")).isInstanceOf(RuleViolationException.class);
    }
}
