package cn.unionhub.station.registry;

import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.calendar.CalendarFiles;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The business calendar stations count working days and holidays on: the shared yearly schedules. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StationProperties.class)
class StationConfiguration {

    /**
     * The shipped schedules plus any in {@code unionhub.stations.calendar-directory}, the same files
     * case-service reads; a year not published yet gets its statutory holidays computed.
     */
    @Bean
    BusinessCalendar businessCalendar(@Value("${unionhub.stations.calendar-directory:}") String directory) {
        return CalendarFiles.load(directory.isBlank() ? null : Path.of(directory));
    }
}
