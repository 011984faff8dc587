/* agent-credentials.c — the remembered password, in the Secret Service
 *
 * "Remember me" keeps the MD5 of the password — what the server wants — in the keyring under
 * schema org.babaihu.Agent.Account, keyed by server and account; the clear password never
 * outlives the login page. Only libsecret's asynchronous calls are used: the keyring may have
 * to ask the person to unlock it, and the main loop must keep running meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-credentials"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-credentials.h"

struct _AgentCredentials
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (AgentCredentials, agent_credentials, G_TYPE_OBJECT)

static void
on_store_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_lookup_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) secret_password_free);
}

static void
on_clear_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error means there was nothing to forget: that is success too. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
agent_credentials_class_init (AgentCredentialsClass *klass)
{
}

static void
agent_credentials_init (AgentCredentials *self)
{
}

/**
 * agent_credentials_get_schema:
 *
 * Returns: (transfer none): the schema `org.babaihu.Agent.Account` with the string attributes
 *   `server` and `account`
 */
const SecretSchema *
agent_credentials_get_schema (void)
{
  static const SecretSchema schema = {
    "org.babaihu.Agent.Account", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

AgentCredentials *
agent_credentials_new (void)
{
  return g_object_new (AGENT_TYPE_CREDENTIALS, NULL);
}

/**
 * agent_credentials_store_async:
 * @self: a #AgentCredentials
 * @server: the server's base URL
 * @account: the account
 * @password_md5: the MD5 of the password (never the clear password)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keyring answered
 * @user_data: data for @callback
 *
 * Remembers @password_md5 for @server and @account in the default collection.
 */
void
agent_credentials_store_async (AgentCredentials    *self,
                               const char          *server,
                               const char          *account,
                               const char          *password_md5,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (AGENT_IS_CREDENTIALS (self));
  g_return_if_fail (server != NULL && account != NULL && password_md5 != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, agent_credentials_store_async);

  /* Translators: the label of the keyring entry; %s are the account and the server. */
  label = g_strdup_printf (_("Babaihu Agent: %s on %s"), account, server);
  secret_password_store (agent_credentials_get_schema (), SECRET_COLLECTION_DEFAULT, label,
                         password_md5, cancellable, on_store_cb, g_steal_pointer (&task),
                         "server", server,
                         "account", account,
                         NULL);
}

gboolean
agent_credentials_store_finish (AgentCredentials  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * agent_credentials_lookup_async:
 * @self: a #AgentCredentials
 * @server: the server's base URL
 * @account: the account
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keyring answered
 * @user_data: data for @callback
 *
 * Looks up the remembered password MD5.
 */
void
agent_credentials_lookup_async (AgentCredentials    *self,
                                const char          *server,
                                const char          *account,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AGENT_IS_CREDENTIALS (self));
  g_return_if_fail (server != NULL && account != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, agent_credentials_lookup_async);

  secret_password_lookup (agent_credentials_get_schema (), cancellable,
                          on_lookup_cb, g_steal_pointer (&task),
                          "server", server,
                          "account", account,
                          NULL);
}

/**
 * agent_credentials_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the remembered MD5, or %NULL when there is none (then
 *   @error is not set) or the keyring failed (then it is); free with secret_password_free()
 */
char *
agent_credentials_lookup_finish (AgentCredentials  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * agent_credentials_forget_async:
 * @self: a #AgentCredentials
 * @server: the server's base URL
 * @account: the account
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keyring answered
 * @user_data: data for @callback
 *
 * Removes what was remembered for @server and @account. Forgetting nothing is a success.
 */
void
agent_credentials_forget_async (AgentCredentials    *self,
                                const char          *server,
                                const char          *account,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AGENT_IS_CREDENTIALS (self));
  g_return_if_fail (server != NULL && account != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, agent_credentials_forget_async);

  secret_password_clear (agent_credentials_get_schema (), cancellable,
                         on_clear_cb, g_steal_pointer (&task),
                         "server", server,
                         "account", account,
                         NULL);
}

gboolean
agent_credentials_forget_finish (AgentCredentials  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
