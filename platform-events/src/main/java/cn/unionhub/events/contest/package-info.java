/**
 * What contest-service tells the others, on {@code contest.events}: one record per kind of fact,
 * returned by the domain's transitions and written to the outbox by the service. The subject is
 * the aggregate (contest, event, registration, batch, certificate number), so a consumer sees one
 * aggregate's facts in order. No event names an objector or carries a clear identity number; a
 * competitor appears by registration id and, where another service must find the member (prize
 * money, craftsman records), by the installation's keyed id-number hash.
 */
package cn.unionhub.events.contest;
