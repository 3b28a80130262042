package cn.unionhub.contest;

import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.calendar.CalendarFiles;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The statutory calendar notices count working days on: the shipped yearly schedules plus any in
 * {@code unionhub.contests.calendar-directory}, kept current by the starter's CalendarCopy from
 * {@code case.calendar-published}.
 */
@Configuration(proxyBeanMethods = false)
class ContestConfiguration {

    @Bean
    BusinessCalendar businessCalendar(@Value("${unionhub.contests.calendar-directory:}") String directory) {
        return CalendarFiles.load(directory.isBlank() ? null : Path.of(directory));
    }
}
