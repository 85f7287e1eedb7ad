# Documents de problème (RFC 9457).

problem-invalid-request = Requête non valide
problem-not-found = Introuvable
problem-unauthorized = Authentification requise
problem-forbidden = Accès refusé
problem-clash = La salle est déjà réservée
problem-conflict = Conflit
problem-stale-version = La ressource a changé
problem-source-unreachable = Le calendrier n’a pas pu être récupéré
problem-too-large = Corps de la requête trop volumineux
problem-unsupported-media-type = Type de média non pris en charge
problem-rate-limited = Trop de requêtes
problem-unavailable = Service indisponible
problem-internal = Erreur interne
problem-unavailable-detail = la base de données est occupée ou injoignable ; réessayez dans un instant
problem-internal-detail = une erreur inattendue s’est produite ; elle a été consignée
