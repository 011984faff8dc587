/* bbh-agent-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-agent-account"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "bbh-admin-private.h"
#include "bbh-agent-account-private.h"

struct _BbhAgentAccount
{
  GObject parent_instance;

  char *extension;
  char *password;
};

G_DEFINE_FINAL_TYPE (BbhAgentAccount, bbh_agent_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_EXTENSION,
  PROP_PASSWORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* section 2.1.12: `extension` and `password` at the top, or under `data` on some servers. */
gpointer
bbh_agent_account_parse (JsonObject  *root,
                         GError     **error)
{
  BbhAgentAccount *self;
  g_autofree char *extension = NULL;
  JsonObject *o = root;

  if (!json_object_has_member (o, "extension") && bbh_json_get_object (root, "data") != NULL)
    o = bbh_json_get_object (root, "data");

  extension = bbh_json_dup_string_any (o, "extension", "exteExtension", NULL);
  if (extension == NULL || *extension == '\0')
    {
      g_set_error_literal (error, BBH_ERROR, BBH_ERROR_PROTOCOL,
                           _("The server created an account but did not say its extension. Look for the new agent in the agent list."));
      return NULL;
    }

  self = g_object_new (BBH_TYPE_AGENT_ACCOUNT, NULL);
  self->extension = g_steal_pointer (&extension);
  self->password = bbh_json_dup_string_any (o, "password", "extePassword", NULL);
  return self;
}

static void
bbh_agent_account_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BbhAgentAccount *self = BBH_AGENT_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_EXTENSION:
      g_value_set_string (value, self->extension);
      break;
    case PROP_PASSWORD:
      g_value_set_string (value, self->password);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_agent_account_finalize (GObject *object)
{
  BbhAgentAccount *self = BBH_AGENT_ACCOUNT (object);

  g_free (self->extension);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);

  G_OBJECT_CLASS (bbh_agent_account_parent_class)->finalize (object);
}

static void
bbh_agent_account_class_init (BbhAgentAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_agent_account_get_property;
  object_class->finalize = bbh_agent_account_finalize;

  properties[PROP_EXTENSION] =
    g_param_spec_string ("extension", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PASSWORD] =
    g_param_spec_string ("password", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bbh_agent_account_init (BbhAgentAccount *self)
{
}

/**
 * bbh_agent_account_get_extension:
 *
 * Returns: the new account's extension, as the server wrote it (3 digits, or the full
 *   9-digit account on some servers).
 */
const char *
bbh_agent_account_get_extension (BbhAgentAccount *self)
{
  g_return_val_if_fail (BBH_IS_AGENT_ACCOUNT (self), NULL);
  return self->extension;
}

/**
 * bbh_agent_account_get_password:
 *
 * Returns: (nullable): the new account's password, in clear, to hand to the agent.
 */
const char *
bbh_agent_account_get_password (BbhAgentAccount *self)
{
  g_return_val_if_fail (BBH_IS_AGENT_ACCOUNT (self), NULL);
  return self->password;
}
