"""The shared core every feature may use: the service context, the ward profile, declared settings, evidence
files, the working-day calendar, the administrative units, the paged-list contract and the runtime paths."""
