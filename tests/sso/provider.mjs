// A real OpenID Connect provider (panva's oidc-provider, OpenID certified) for the single sign-on
// tests, on the loopback address. Its people and their groups come from the PEOPLE environment
// variable (JSON: login -> claims); anyone signs in at its development login page with their login
// and any password, as a council's staff would at Entra ID's.
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const people = JSON.parse(process.env.PEOPLE);

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: process.env.CLIENT_ID,
    client_secret: process.env.CLIENT_SECRET,
    redirect_uris: [process.env.REDIRECT_URI],
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  // As Entra ID does, the groups travel in the ID token (and the user info).
  claims: {
    openid: ['sub', 'groups'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
  },
  conformIdTokenClaims: false,
  cookies: { keys: ['single-sign-on-test-only'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    const claims = people[id] || {};
    return { accountId: id, claims: async () => ({ sub: id, email_verified: true, ...claims }) };
  },
});
provider.listen(port, '127.0.0.1', () => console.log(`ready on ${port}`));
