package cn.unionhub.membercard.card;

import cn.unionhub.membercard.card.domain.Holder;
import cn.unionhub.membercard.card.domain.Holders;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The member register as the card feature sees it, in memory, for tests of the card feature alone. */
public class InMemoryHolders implements Holders {

    private final Map<String, Holder> byId = new ConcurrentHashMap<>();

    public Holder put(Holder holder) {
        byId.put(holder.memberId(), holder);
        return holder;
    }

    @Override
    public Optional<Holder> find(String memberId) {
        return Optional.ofNullable(byId.get(memberId));
    }

    @Override
    public Optional<Holder> byAccount(String account) {
        return byId.values().stream().filter(h -> account != null && account.equals(h.account())).findFirst();
    }
}
