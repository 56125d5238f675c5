/** The roles, labelled through i18n (shinsa.roles.*). */
export const ROLE_CHOICES = [
  { id: 'admin', name: 'shinsa.roles.admin' },
  { id: 'secretariat', name: 'shinsa.roles.secretariat' },
  { id: 'reviewer', name: 'shinsa.roles.reviewer' },
];
