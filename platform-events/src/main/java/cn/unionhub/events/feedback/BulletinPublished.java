package cn.unionhub.events.feedback;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;
import java.util.List;

/**
 * A district's monthly worker-satisfaction bulletin (职工满意度情况通报) was published: the headline
 * figures, and where other systems fetch the whole bulletin (JSON, or CSV with {@code ?format=csv})
 * with a client-credentials token. Published once per district and month.
 *
 * @param bulletinId       {@code bulletin-<district>-<yyyy-MM>} (subject and key)
 * @param district         administrative division code
 * @param period           the month, {@code yyyy-MM} (Beijing time)
 * @param submitted        items submitted in the month
 * @param needsHandling    of which complaints, appeals and suggestions that needed handling
 * @param resolved         items resolved in the month
 * @param resolutionRate   resolved ÷ needing handling (0–1), null when nothing needed handling
 * @param satisfactionRate satisfied or partly satisfied ÷ rated (0–1), null when nothing was rated
 * @param topCategories    the most frequent categories, most frequent first
 * @param href             path of the full bulletin on the gateway
 * @param publishedAt      when it was published
 */
@EventContract(type = "cn.unionhub.feedback.bulletin-published.v1", topic = Topics.FEEDBACK)
public record BulletinPublished(String bulletinId, String district, String period, long submitted, long needsHandling,
        long resolved, Double resolutionRate, Double satisfactionRate, List<String> topCategories, String href,
        Instant publishedAt) implements DomainEvent {

    @Override
    public String subject() {
        return bulletinId;
    }
}
