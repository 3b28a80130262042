package cn.unionhub.membercard;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import cn.unionhub.security.AccessRules;
import cn.unionhub.security.Role;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call which endpoint of member-card-service: the one place for it (anything unlisted is refused). */
@Configuration(proxyBeanMethods = false)
class AccessRulesConfiguration {

    @Bean
    AccessRules accessRules() {
        // The city union (ADMIN) and district unions keep the register; the service limits a district to its own.
        Set<Role> registrars = Set.of(Role.ADMIN, Role.DISTRICT_UNION);
        Set<Role> staff = Set.of(Role.ADMIN, Role.HANDLER, Role.DISTRICT_UNION, Role.ENTERPRISE_UNION, Role.GOV_SYSTEM);
        // Unions enrol and move their own members: an enterprise union its grassroots union only.
        Set<Role> memberOffices = Set.of(Role.ADMIN, Role.DISTRICT_UNION, Role.ENTERPRISE_UNION);
        Set<Role> memberReaders = Set.of(Role.ADMIN, Role.DISTRICT_UNION, Role.ENTERPRISE_UNION, Role.GOV_SYSTEM);
        // Cards: the member's unions issue, replace and cancel; the holder activates, freezes and reports loss.
        Set<Role> cardStaff = Set.of(Role.ADMIN, Role.DISTRICT_UNION, Role.ENTERPRISE_UNION);
        Set<Role> hardshipApplicants = Set.of(Role.ADMIN, Role.DISTRICT_UNION, Role.ENTERPRISE_UNION);
        Set<Role> cardHolderOrStaff = Set.of(Role.ADMIN, Role.DISTRICT_UNION, Role.ENTERPRISE_UNION, Role.WORKER);
        return AccessRules.define()
                .publicly(GET, "/api/v1/member-cards/card-types")
                .allow(GET, "/api/v1/member-cards/mine", Role.WORKER, Role.ENTERPRISE_UNION, Role.DISTRICT_UNION)
                .allow(POST, "/api/v1/member-cards", cardStaff)
                .allow(GET, "/api/v1/member-cards/{cardNumber}", Set.of(Role.ADMIN, Role.DISTRICT_UNION,
                        Role.ENTERPRISE_UNION, Role.WORKER, Role.GOV_SYSTEM))
                .allow(POST, "/api/v1/member-cards/{cardNumber}/activation", cardHolderOrStaff)
                .allow(POST, "/api/v1/member-cards/{cardNumber}/freeze", cardHolderOrStaff)
                .allow(POST, "/api/v1/member-cards/{cardNumber}/unfreeze", cardHolderOrStaff)
                .allow(POST, "/api/v1/member-cards/{cardNumber}/loss-report", cardHolderOrStaff)
                // The pay key behind the till's pay code is the holder's alone (the service refuses staff).
                .allow(POST, "/api/v1/member-cards/{cardNumber}/pay-key", Role.WORKER)
                .allow(POST, "/api/v1/member-cards/{cardNumber}/replacement", cardStaff)
                .allow(POST, "/api/v1/member-cards/{cardNumber}/cancellation", cardStaff)
                .publicly(GET, "/api/v1/registry/divisions")
                .allow(POST, "/api/v1/registry/enterprises", registrars)
                .allow(GET, "/api/v1/registry/enterprises", Set.of(Role.ADMIN, Role.HANDLER, Role.DISTRICT_UNION, Role.GOV_SYSTEM))
                .allow(GET, "/api/v1/registry/enterprises/{uscc}", Set.of(Role.ADMIN, Role.HANDLER, Role.DISTRICT_UNION,
                        Role.ENTERPRISE_UNION, Role.GOV_SYSTEM, Role.WORKER))
                .allow(PUT, "/api/v1/registry/enterprises/{uscc}", registrars)
                .allow(POST, "/api/v1/registry/enterprises/{uscc}/closure", registrars)
                .allow(POST, "/api/v1/registry/unions", registrars)
                .allow(GET, "/api/v1/registry/unions/{id}", staff)
                .allow(POST, "/api/v1/registry/imports/enterprises", registrars)
                .allow(GET, "/api/v1/registry/imports/{id}", memberOffices)
                .allow(GET, "/api/v1/registry/imports/{id}/errors", memberOffices)
                .allow(POST, "/api/v1/members", memberOffices)
                .allow(POST, "/api/v1/members/enrolments", memberOffices)
                .allow(GET, "/api/v1/members/me", Role.WORKER)
                .allow(POST, "/api/v1/members/me/link", Role.WORKER)
                .allow(GET, "/api/v1/members/unions/{union}", memberReaders)
                .allow(GET, "/api/v1/members/{memberId}", memberReaders)
                .allow(PATCH, "/api/v1/members/{memberId}", memberOffices)
                .allow(POST, "/api/v1/members/{memberId}/transfer", memberOffices)
                .allow(POST, "/api/v1/members/{memberId}/leaving", memberOffices)
                .allow(POST, "/api/v1/members/{memberId}/unlinking", memberOffices)
                // Welfare money: the city union (ADMIN) and district unions keep accounts and move union money;
                // a worker reads their own wallet; the service limits a district union to its district.
                .allow(POST, "/api/v1/welfare/accounts", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(GET, "/api/v1/welfare/accounts/{accountId}", Role.ADMIN, Role.DISTRICT_UNION, Role.WORKER)
                .allow(GET, "/api/v1/welfare/accounts/{accountId}/lines", Role.ADMIN, Role.DISTRICT_UNION, Role.WORKER)
                .allow(POST, "/api/v1/welfare/transfers", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(GET, "/api/v1/welfare/transfers/{transferId}", Role.ADMIN, Role.DISTRICT_UNION, Role.WORKER)
                .allow(GET, "/api/v1/welfare/wallet", Role.WORKER)
                .allow(POST, "/api/v1/welfare/wallet/withdrawals", Role.WORKER)
                .allow(GET, "/api/v1/welfare/wallet/withdrawals", Role.WORKER)
                .allow(POST, "/api/v1/welfare/wallet/withdrawals/{id}/cancellation", Role.WORKER)
                .allow(GET, "/api/v1/welfare/withdrawals", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(POST, "/api/v1/welfare/withdrawals", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(GET, "/api/v1/welfare/withdrawals/{id}", Role.ADMIN, Role.DISTRICT_UNION, Role.WORKER)
                .allow(POST, "/api/v1/welfare/withdrawals/{id}/sending", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(POST, "/api/v1/welfare/withdrawals/{id}/payment", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(POST, "/api/v1/welfare/withdrawals/{id}/return", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(POST, "/api/v1/welfare/reconciliations", Role.ADMIN)
                .allow(GET, "/api/v1/welfare/reconciliations/latest", Role.ADMIN)
                .allow(GET, "/api/v1/welfare/award-payouts/{awardId}", Role.ADMIN, Role.DISTRICT_UNION)
                // 劳模卡: the unions keep the model-worker register and pay its yearly grant; the transport
                // operator's system (a machine client) asks whether a card rides at the model workers' fare.
                .allow(POST, "/api/v1/welfare/model-workers", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(GET, "/api/v1/welfare/model-workers/mine", Role.WORKER)
                .allow(GET, "/api/v1/welfare/model-workers/{memberId}", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(POST, "/api/v1/welfare/model-workers/grants", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(GET, "/api/v1/welfare/transport-fares", Role.FARE_SYSTEM, Role.GOV_SYSTEM, Role.ADMIN)
                // 特困职工证: the member's enterprise union applies (a district union for joint unions' members), the
                // district union verifies, the city union (ADMIN) decides, renews and revokes; providers'
                // windows (machine clients) check a certificate shown to them; the worker reads their own.
                // The rules are public, so a worker can see whether to ask; the city union sets them.
                .publicly(GET, "/api/v1/welfare/hardship/rules")
                .allow(PUT, "/api/v1/welfare/hardship/rules", Role.ADMIN)
                .allow(POST, "/api/v1/welfare/hardship/applications", hardshipApplicants)
                .allow(GET, "/api/v1/welfare/hardship/applications", hardshipApplicants)
                .allow(GET, "/api/v1/welfare/hardship/applications/{applicationId}", hardshipApplicants)
                .allow(POST, "/api/v1/welfare/hardship/applications/{applicationId}/resubmission", hardshipApplicants)
                .allow(POST, "/api/v1/welfare/hardship/applications/{applicationId}/verification", Role.ADMIN, Role.DISTRICT_UNION)
                // The city union's staff (DISTRICT_UNION with the CITY_UNION organisation): HardshipService narrows it.
                .allow(POST, "/api/v1/welfare/hardship/applications/{applicationId}/decision", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(GET, "/api/v1/welfare/hardship/certificates/mine", Role.WORKER)
                .allow(GET, "/api/v1/welfare/hardship/certificates/{number}", Set.of(Role.PROVIDER_WINDOW, Role.GOV_SYSTEM, Role.ADMIN,
                        Role.DISTRICT_UNION))
                .allow(GET, "/api/v1/welfare/hardship/certificates/{number}/concessions/{concessionId}", Role.PROVIDER_WINDOW,
                        Role.GOV_SYSTEM, Role.ADMIN)
                .allow(POST, "/api/v1/welfare/hardship/certificates/{number}/revocation", Role.ADMIN, Role.DISTRICT_UNION)
                // Wage disbursement (民工惠): the employer's district union pays a payroll batch out of its escrow.
                .allow(POST, "/api/v1/welfare/payrolls", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(GET, "/api/v1/welfare/payrolls/{employer}", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(GET, "/api/v1/welfare/payrolls/{employer}/{batchId}", Role.ADMIN, Role.DISTRICT_UNION)
                // Coupon campaigns: run by district unions (the city union for any); everyone signed in may read one.
                .allow(GET, "/api/v1/welfare/campaigns", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(POST, "/api/v1/welfare/campaigns", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(GET, "/api/v1/welfare/campaigns/{campaignId}", Set.of(Role.ADMIN, Role.DISTRICT_UNION, Role.ENTERPRISE_UNION,
                        Role.WORKER, Role.MERCHANT))
                .allow(POST, "/api/v1/welfare/campaigns/{campaignId}/grants", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(GET, "/api/v1/welfare/campaigns/{campaignId}/grants/{key}", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(POST, "/api/v1/welfare/campaigns/{campaignId}/ending", Role.ADMIN, Role.DISTRICT_UNION)
                // Merchants: registered by district unions; their tills (MERCHANT clients) redeem at their own merchant only.
                .allow(POST, "/api/v1/merchants", Role.ADMIN, Role.DISTRICT_UNION)
                // The register of merchants is open to members (where their coupons work); a day's orders are the merchant's.
                .allow(GET, "/api/v1/merchants", Set.of(Role.ADMIN, Role.DISTRICT_UNION, Role.ENTERPRISE_UNION, Role.WORKER,
                        Role.MERCHANT))
                .allow(GET, "/api/v1/merchants/{merchantId}/redemptions", Role.MERCHANT, Role.ADMIN, Role.DISTRICT_UNION)
                .allow(GET, "/api/v1/merchants/{merchantId}", Set.of(Role.ADMIN, Role.DISTRICT_UNION, Role.ENTERPRISE_UNION,
                        Role.WORKER, Role.MERCHANT))
                .allow(POST, "/api/v1/merchants/{merchantId}/closure", Role.ADMIN, Role.DISTRICT_UNION)
                // A till's sign-in secret: issued and revoked by the union that runs the merchant's district (TillService).
                .allow(POST, "/api/v1/merchants/{merchantId}/till-credentials", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(POST, "/api/v1/merchants/{merchantId}/till-credentials/revocation", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(GET, "/api/v1/merchants/{merchantId}/till-credentials", Role.ADMIN, Role.DISTRICT_UNION)
                .allow(POST, "/api/v1/merchants/{merchantId}/quotes", Role.MERCHANT)
                .allow(POST, "/api/v1/merchants/{merchantId}/redemptions", Role.MERCHANT)
                .allow(GET, "/api/v1/merchants/{merchantId}/redemptions/{orderNo}", Role.MERCHANT, Role.ADMIN, Role.DISTRICT_UNION)
                .allow(POST, "/api/v1/merchants/{merchantId}/redemptions/{orderNo}/payment", Role.MERCHANT)
                .allow(POST, "/api/v1/merchants/{merchantId}/redemptions/{orderNo}/cancellation", Role.MERCHANT)
                .allow(POST, "/api/v1/merchants/{merchantId}/redemptions/{orderNo}/refund", Role.MERCHANT);
    }
}
