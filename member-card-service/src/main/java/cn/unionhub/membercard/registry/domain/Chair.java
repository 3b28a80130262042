package cn.unionhub.membercard.registry.domain;

/**
 * A union's chair (工会主席): a contact the union's own staff and the levels above need; the phone is
 * shown masked to everyone else.
 */
public record Chair(String name, String mobile) {
}
