"""Hòa giải ở cơ sở: the façade is ``service.MediationService``; DTOs in ``dto``, inputs in ``domain.mediation``."""
