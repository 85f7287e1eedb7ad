# Pages web de tandem.

## Toutes les pages

page-title = { $title } · tandem
skip-to-content = Aller au contenu
nav-main = Menu principal
nav-events = Réunions
nav-planner = Planificateur
nav-colocation = Tenue conjointe
nav-season = Saisons
nav-clashes = Conflits
nav-api = API
language-switcher = Langue
language-self = Français

## Erreurs

not-found-title = Introuvable
not-found-text = Cette page ou cette réunion n’existe pas.
not-found-back = Toutes les réunions
busy-title = Service occupé
busy-heading = tandem est occupé
busy-text = La base de données est occupée ou injoignable ; veuillez réessayer dans un instant.
error-title = Erreur
error-heading = Une erreur s’est produite
error-text = L’erreur a été consignée ; veuillez réessayer.
refused-title = Non effectué
refused-heading = Cette action n’a pas été effectuée
refused-changed-meanwhile = la manifestation a changé entre-temps : rechargez la page et réessayez
form-expired-title = Formulaire expiré
form-expired-heading = Ce formulaire a expiré
form-expired-text = Rechargez la page et envoyez à nouveau le formulaire.

## Heures

## Abonnements

subscribe = S’abonner
subscribe-label = S’abonner à { $feed } dans votre application d’agenda
subscribe-https = flux https
subscribe-https-label = Flux https : { $feed }
feed-all = toutes les réunions
feed-region = la région { $code }
feed-group = le groupe { $code }
feed-event = cette réunion
feed-the-region = la région
feed-the-group = le groupe

## Termes de référence


## Accueil

home-title = Prochaines réunions
home-intro = Les heures sont celles du lieu de chaque réunion. Abonnez-vous à une région ou à un groupe pour voir chaque modification dans votre propre application d’agenda.
home-plan-link = Planifier un appel entre fuseaux horaires
home-empty = Aucune réunion à venir.
home-region = { $name } ({ $code })
home-other-events = Autres réunions de la région
home-all-events = Toutes les réunions :

## Page d’une réunion

event-when = Date et heure
event-venue-zone = ({ $zone }, fuseau horaire du lieu)
event-repeats = Récurrence : { $rule }
event-room = { $room } ({ $seats })
event-remote = Participation à distance :
event-cities = Dans les principales villes de la région { $region }
event-city = Ville
event-local-time = Heure locale
event-alongside = Organisées en parallèle
event-no-alongside = Aucune manifestation organisée en parallèle.
event-clashes = Conflits
event-no-clash = Aucun conflit.
event-other = l’autre réunion
event-subscribe = S’abonner
event-this-event = Cette réunion :
event-download = Télécharger le fichier .ics

## Planificateur

planner-title = Planificateur
planner-heading = Planifier un appel entre fuseaux horaires
planner-places = Lieux, un par ligne : une ville (Genève, Yaoundé, Bangkok…) ou un fuseau horaire (Asia/Kathmandu), suivi éventuellement des identifiants de calendriers importés
planner-from = Du (date UTC)
planner-to = Au (date UTC, incluse)
planner-duration = Durée (minutes)
planner-submit = Chercher des créneaux
planner-correction = Le formulaire doit être corrigé :
planner-best = Meilleurs créneaux
planner-no-window = Aucun créneau ne convient.
planner-legend-working = heures de travail
planner-legend-acceptable = heures acceptables
planner-legend-night = nuit / hors service
planner-legend-windows = meilleurs créneaux
planner-considered = { $count ->
    [one] { $count } créneau examiné.
   *[other] { $count } créneaux examinés.
}
planner-rank = N°
planner-local-times = Heures locales
planner-outside-hours = Hors des heures de travail
planner-minutes = { $minutes } min
planner-strips-title = Bandes de 24 heures du { $day } (UTC), une par lieu
planner-strips-caption = { $day } (heures UTC en haut ; heures locales dans chaque bande)
planner-window = Créneau { $rank } : { $start } – { $end }
planner-utc-hour = { $hour }Z
planner-error-calendars-first = ligne { $line } : un calendrier doit suivre le nom d’un lieu
planner-error-unknown-place = ligne { $line } : « { $place } » n’est ni une ville des données de référence ni un fuseau horaire IANA
planner-error-no-place = indiquez au moins un lieu
planner-error-duration = « { $value } » n’est pas un nombre de minutes
field-places = Lieux
field-from = Du
field-to = Au
field-duration = Durée

## Tenue conjointe

coloc-title = Tenue conjointe
coloc-heading = Organiser une manifestation en parallèle d’une autre
coloc-intro = Résolution 21 : des ateliers organisés parallèlement aux réunions des groupes régionaux, et inversement. Les propositions reprennent le lieu de la réunion de référence, ses jours ouvrables et ses salles libres.
coloc-anchor = Réunion de référence
coloc-event-title = Titre
coloc-kind = Type
coloc-default-title = Atelier régional
coloc-days = Jours ouvrables
coloc-gap = Écart maximal (jours ouvrables)
coloc-seats = Places nécessaires
coloc-placement = Position
placement-before = avant
placement-after = après
placement-during = pendant (salle parallèle)
coloc-submit = Chercher des dates
coloc-candidates = Propositions
coloc-no-candidate = Aucune proposition ne convient.
coloc-room = Salle { $room } ({ $seats })
coloc-gap-days = { $days ->
    [one] écart de { $days } jour ouvrable
   *[other] écart de { $days } jours ouvrables
}
coloc-no-clash = aucun conflit
coloc-create = Créer celle-ci
coloc-signin = Connectez-vous pour la créer
coloc-not-created-title = Non créée
coloc-not-created-heading = La manifestation n’a pas été créée
coloc-back = Retour à la tenue conjointe

## Conflits

clashes-title = Conflits
signout = Se déconnecter
clashes-signed-in-label = Connecté avec le jeton « { $label } » ({ $role }).
clashes-signed-in = Connecté avec un jeton ({ $role }).
clashes-resolved = Conflit { $id } résolu.
clashes-empty = Aucun conflit dans vos régions.
clashes-no-fix = Aucune suggestion : modifiez les réunions vous-même.
fix-move = déplacer
fix-switch_room = changer de salle
clashes-fix = { $action } : { $start } – { $end } ({ $zone })
clashes-leaves = { $count ->
    [one] laisse { $count } conflit
   *[other] laisse { $count } conflits
}
clashes-apply = Appliquer
clashes-not-applied-title = Non appliquée
clashes-not-applied-heading = La suggestion n’a pas été appliquée
clashes-back = Retour aux conflits

## Connexion

signin-title = Connexion
signin-heading = Connexion des organisateurs
signin-token = Jeton d’API (créé par { $command })
signin-submit = Se connecter
signin-note = Le jeton n’est vérifié qu’une fois et n’est jamais conservé par votre navigateur : seul un cookie de session l’est.
signin-unknown = Ce jeton est inconnu ou a été révoqué.

## Season planning (/seasons)
season-title = Planification de la saison
season-heading = Planifier une saison
season-intro = Placer en une fois toute une saison de réunions, d’ateliers et de forums, chacun en parallèle des réunions auxquelles il se rattache (Résolution 21). Les lieux et les manifestations fixes sont désignés par leur identifiant dans cette base de données.
season-document = Document de saison (JSON)
season-submit = Planifier la saison
season-demo-loaded = La saison de démonstration est préremplie : des ateliers et des forums à tenir en parallèle de la réunion du SG3RG-AFR à Yaoundé et de celle du SG5RG-ARB au Caire.
season-plan = Le plan
season-cost = Coût
season-status-optimal = optimalité démontrée
season-status-feasible = réalisable, optimalité non démontrée
season-bound = Borne inférieure démontrée
season-placed = Manifestations placées
season-colocations = Tenues conjointes souhaitées
season-trips = Déplacements
season-trips-apart = Déplacements si tenues séparément
season-soft-clashes = Conflits mineurs
season-chart = Le plan par lieu et par jour : chaque barre est une manifestation ; les groupes tenus conjointement sont entourés et numérotés.
season-legend-placed = Manifestation placée
season-legend-fixed = Réunion fixe
season-legend-closed = Week-end ou jour férié
season-legend-cluster = Groupe tenu conjointement
season-table = Placements
season-col-event = Manifestation
season-col-venue = Lieu
season-col-room = Salle
season-col-days = Jours
season-col-alongside = En parallèle de
season-col-cluster = Groupe
season-fixed = fixe
season-unplaced = Non placées
season-none-unplaced = Toutes les manifestations sont placées.
season-apply = Appliquer : créer ces manifestations à l’état proposé
season-apply-signin = Connectez-vous en tant qu’organisateur pour appliquer ce plan
season-applied-title = Saison appliquée
season-applied-heading = Le plan est appliqué
season-applied-intro = Ces manifestations proposées ont été créées, chacune liée à la manifestation en parallèle de laquelle elle se tient.
season-not-applied-title = Non appliqué
season-not-applied-heading = Le plan n’a pas été appliqué
season-back = Retour à la planification de la saison

## Référence de l’API (/api/docs)

apidocs-title = Référence de l’API
apidocs-intro = Toutes les opérations de l’API HTTP de tandem, tirées de son document OpenAPI ({ $document }). Les descriptions sont celles du document, en anglais. Pour essayer les opérations dans le navigateur, ouvrez la { $console }.
apidocs-console = console interactive (Swagger UI)
apidocs-auth = La lecture est ouverte là où le serveur l’autorise ; l’écriture demande un jeton d’API, envoyé sous la forme { $header }.
apidocs-contents = Sommaire
apidocs-schemas = Schémas
apidocs-parameters = Paramètres
apidocs-name = Nom
apidocs-in = Emplacement
apidocs-in-query = chaîne de requête
apidocs-in-path = chemin
apidocs-in-header = en-tête
apidocs-in-cookie = cookie
apidocs-type = Type
apidocs-required = Obligatoire
apidocs-description = Description
apidocs-yes = oui
apidocs-no = non
apidocs-body = Corps de la requête :
apidocs-body-required = obligatoire
apidocs-responses = Réponses
apidocs-status = Statut
apidocs-values = Valeurs :
apidocs-fields = Champs de { $schema }
