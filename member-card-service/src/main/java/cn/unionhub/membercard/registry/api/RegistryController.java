package cn.unionhub.membercard.registry.api;

import cn.unionhub.membercard.registry.RegistryService;
import cn.unionhub.membercard.registry.domain.EnterpriseForm;
import cn.unionhub.membercard.registry.domain.Organisation;
import cn.unionhub.membercard.registry.domain.OrganisationKind;
import cn.unionhub.membercard.registry.domain.UnionForm;
import cn.unionhub.membercard.registry.store.Organisations;
import cn.unionhub.platform.store.Filters;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Divisions;
import cn.unionhub.security.Role;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The register of divisions, enterprises and unions (组织登记): single records through the API,
 * files through {@link ImportController}. Another service never calls this: it keeps its own copy
 * from the {@code member-card.events} the register publishes.
 */
@RestController
@RequestMapping("/api/v1/registry")
class RegistryController {

    static final int MAX_PAGE_SIZE = 200;

    private final RegistryService registry;
    private final Organisations organisations;

    RegistryController(RegistryService registry, Organisations organisations) {
        this.registry = registry;
        this.organisations = organisations;
    }

    /** The divisions the register knows, with their level and parent: a public code list. */
    @GetMapping("/divisions")
    List<OrganisationView> divisions() {
        return organisations.divisions().stream().map(d -> OrganisationView.of(d, false)).toList();
    }

    @PostMapping("/enterprises")
    ResponseEntity<OrganisationView> registerEnterprise(@RequestBody EnterpriseForm form, Actor actor) {
        Organisation enterprise = registry.registerEnterprise(form, actor).organisation();
        return ResponseEntity.created(URI.create("/api/v1/registry/enterprises/" + enterprise.id()))
                .body(OrganisationView.of(enterprise, true));
    }

    /** One enterprise: staff in scope; a worker too (name and district are public facts they choose from). */
    @GetMapping("/enterprises/{uscc}")
    OrganisationView enterprise(@PathVariable String uscc, Actor actor) {
        return OrganisationView.of(registry.visibleEnterprise(uscc, actor), false);
    }

    @PutMapping("/enterprises/{uscc}")
    OrganisationView updateEnterprise(@PathVariable String uscc, @RequestBody EnterpriseForm form, Actor actor) {
        return OrganisationView.of(registry.updateEnterprise(uscc, form, actor), true);
    }

    record Closure(String reason) {
    }

    @PostMapping("/enterprises/{uscc}/closure")
    OrganisationView closeEnterprise(@PathVariable String uscc, @RequestBody(required = false) Closure closure, Actor actor) {
        return OrganisationView.of(registry.closeEnterprise(uscc, closure == null ? null : closure.reason(), actor), true);
    }

    /** Enterprises of a district, by USCC: the city union and HANDLERs any district, a district union its own. */
    @GetMapping("/enterprises")
    List<OrganisationView> enterprises(@RequestParam(required = false) String district,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size, Actor actor) {
        return page(OrganisationKind.ENTERPRISE, district, page, size, actor);
    }

    @PostMapping("/unions")
    ResponseEntity<OrganisationView> registerUnion(@RequestBody UnionForm form, Actor actor) {
        RegistryService.Registered registered = registry.registerUnion(form, actor);
        OrganisationView view = OrganisationView.of(registered.organisation(), true);
        return registered.created()
                ? ResponseEntity.created(URI.create("/api/v1/registry/unions/" + view.id())).body(view)
                : ResponseEntity.ok(view);
    }

    @GetMapping("/unions/{id}")
    OrganisationView union(@PathVariable String id, Actor actor) {
        Organisation union = registry.visibleUnion(id, actor);
        return OrganisationView.of(union, actor.has(Role.ADMIN) || actor.has(Role.DISTRICT_UNION)
                || ("GH-" + actor.enterprise()).equals(union.id()));
    }

    private List<OrganisationView> page(OrganisationKind kind, String district, int page, int size, Actor actor) {
        Filters.checkPage(page, size, MAX_PAGE_SIZE);
        // Staff see their division's (a city's staff every district of it), anyone else their own district's.
        String own = actor.seesEverything() ? null : actor.area() != null ? actor.area() : actor.district();
        if (!actor.seesEverything() && (own == null || (district != null && !Divisions.contains(own, district)))) {
            return List.of();
        }
        return organisations.page(kind, district != null ? district : own, page, size).stream().map(o -> OrganisationView.of(o, false)).toList();
    }
}
