package cn.unionhub.alert.report.store;

import cn.unionhub.events.alert.DailyReportPublished;
import cn.unionhub.platform.events.AggregateStore;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Repository;

/**
 * Published daily reports, one document per Beijing day ({@code _id} = the date): the insert is
 * what makes publishing happen once, however many instances try.
 */
@Repository
public class DailyReports {

    @Document("daily_reports")
    static class DailyReportDocument {
        @Id
        String id;
        @Version
        Long version;
        Instant generatedAt;
    }

    private final MongoTemplate mongo;
    private final AggregateStore store;

    DailyReports(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    public boolean published(String date) {
        return mongo.findById(date, DailyReportDocument.class) != null;
    }

    /** Publishes the day's report; false if it was published already. */
    public boolean publish(DailyReportPublished report) {
        DailyReportDocument d = new DailyReportDocument();
        d.id = report.date();
        d.generatedAt = report.generatedAt();
        return store.insertOnce(d, List.of(report));
    }
}
