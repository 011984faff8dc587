/* bbh-client-admin.c — administration: agents, blacklist, channels
 *
 * Sections 2.1.2, 2.1.12, 2.2.1, 2.2.2, 2.2.4, 2.2.6–2.2.8 and 2.11 of the document; the
 * outbound campaigns (2.10) are in bbh-client-campaigns.c. Most of these need an
 * administrator account; the server answers -5 otherwise, which reaches the caller as
 * BBH_ERROR_PERMISSION. Input that is obviously wrong is refused in words before anything
 * is sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-client-admin"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "bbh-client-admin.h"
#include "bbh-admin-private.h"
#include "bbh-agent-account-private.h"
#include "bbh-agent-edit-private.h"
#include "bbh-agent-private.h"
#include "bbh-blacklist-entry-private.h"
#include "bbh-channel-stats-private.h"
#include "bbh-queued-call-private.h"

static gboolean
check_exte_id (gint64   exte_id,
               GError **error)
{
  if (exte_id > 0)
    return TRUE;
  g_set_error_literal (error, BBH_ERROR, BBH_ERROR_INVALID,
                       _("Choose an agent first: the agent's id is missing."));
  return FALSE;
}

/* A finish for methods whose answer carries nothing but success. */
static gboolean
finish_ok (BbhClient     *self,
           GAsyncResult  *result,
           gpointer       source_tag,
           GError       **error)
{
  g_autoptr(JsonObject) root = bbh_client_call_finish (self, result, source_tag, error);

  return root != NULL;
}

/* 2.1.2 / 2.11.5 getExtensions
 *
 * The document says the rows come as a Map under `extension`; servers differ. We take the
 * first present of `extension`, `rows`, `data`, `extensions` and `list`, each either an
 * array of rows, an object of rows keyed by id, or one row. */

static gpointer
parse_extensions (JsonObject  *root,
                  GError     **error)
{
  g_autoptr(BbhList) list = bbh_list_new (BBH_TYPE_AGENT);

  bbh_admin_list_append_rows (list, root, bbh_agent_new_from_json,
                              "extension", "rows", "data", "extensions", "list", NULL);
  list->total = bbh_json_get_total (root, g_list_model_get_n_items (G_LIST_MODEL (list->items)));
  return g_steal_pointer (&list);
}

void
bbh_client_get_extensions_async (BbhClient           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (BBH_IS_CLIENT (self));

  bbh_client_call_async (self, "getExtensions", NULL, BBH_CALL_DEFAULT,
                         parse_extensions, (GDestroyNotify) bbh_list_free,
                         bbh_client_get_extensions_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_get_extensions_finish:
 * @out_total: (out) (optional): the server's total, or the number of agents
 *
 * Returns: (transfer full): a #GListModel of #BbhAgent; empty when the company has none.
 */
GListModel *
bbh_client_get_extensions_finish (BbhClient     *self,
                                  GAsyncResult  *result,
                                  guint64       *out_total,
                                  GError       **error)
{
  return bbh_client_call_finish_list (self, result, bbh_client_get_extensions_async,
                                      out_total, error);
}

/* 2.1.12 registerExtension */

void
bbh_client_register_extension_async (BbhClient           *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (BBH_IS_CLIENT (self));

  bbh_client_call_async (self, "registerExtension", NULL, BBH_CALL_DEFAULT,
                         bbh_agent_account_parse, g_object_unref,
                         bbh_client_register_extension_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_register_extension_finish:
 *
 * Returns: (transfer full): the new account's extension and password; needs an
 *   administrator account (%BBH_ERROR_PERMISSION otherwise).
 */
BbhAgentAccount *
bbh_client_register_extension_finish (BbhClient     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return bbh_client_call_finish (self, result, bbh_client_register_extension_async, error);
}

/* 2.11.1 addExtension, 2.11.2 editExtension
 *
 * Sent as POST: extePassword is in clear, and a URL ends up in proxy logs. */

/**
 * bbh_client_add_extension_async:
 * @agent: the new agent's fields; the extension (400–899) is required
 */
void
bbh_client_add_extension_async (BbhClient           *self,
                                BbhAgentEdit        *agent,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));
  g_return_if_fail (BBH_IS_AGENT_EDIT (agent));

  if (!bbh_agent_edit_validate (agent, FALSE, &error))
    {
      bbh_client_report_error (self, bbh_client_add_extension_async, callback, user_data,
                               g_steal_pointer (&error));
      return;
    }

  params = bbh_params_new ();
  bbh_agent_edit_append_params (agent, FALSE, params);
  bbh_client_call_async (self, "addExtension", params, BBH_CALL_POST,
                         NULL, NULL, bbh_client_add_extension_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_add_extension_finish:
 * @out_exte_id: (out) (optional): the new agent's `exteId`, 0 when the server did not say
 */
gboolean
bbh_client_add_extension_finish (BbhClient     *self,
                                 GAsyncResult  *result,
                                 gint64        *out_exte_id,
                                 GError       **error)
{
  g_autoptr(JsonObject) root = bbh_client_call_finish (self, result,
                                                       bbh_client_add_extension_async, error);
  gint64 id;

  if (root == NULL)
    return FALSE;

  id = bbh_json_get_int64_any (root, 0, "exteId", "id", NULL);
  if (id == 0)
    id = bbh_json_get_int64_any (bbh_json_get_object (root, "data"), 0, "exteId", "id", NULL);
  if (out_exte_id != NULL)
    *out_exte_id = id;
  return TRUE;
}

/**
 * bbh_client_edit_extension_async:
 * @agent: the agent's id and the fields to change; only set fields are sent
 */
void
bbh_client_edit_extension_async (BbhClient           *self,
                                 BbhAgentEdit        *agent,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));
  g_return_if_fail (BBH_IS_AGENT_EDIT (agent));

  if (!bbh_agent_edit_validate (agent, TRUE, &error))
    {
      bbh_client_report_error (self, bbh_client_edit_extension_async, callback, user_data,
                               g_steal_pointer (&error));
      return;
    }

  params = bbh_params_new ();
  bbh_agent_edit_append_params (agent, TRUE, params);
  bbh_client_call_async (self, "editExtension", params, BBH_CALL_POST,
                         NULL, NULL, bbh_client_edit_extension_async,
                         cancellable, callback, user_data);
}

gboolean
bbh_client_edit_extension_finish (BbhClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_ok (self, result, bbh_client_edit_extension_async, error);
}

/* 2.11.3 delExtension */

void
bbh_client_del_extension_async (BbhClient           *self,
                                gint64               exte_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (!check_exte_id (exte_id, &error))
    {
      bbh_client_report_error (self, bbh_client_del_extension_async, callback, user_data,
                               g_steal_pointer (&error));
      return;
    }

  params = bbh_params_new ();
  bbh_params_add_int (params, "exteId", exte_id);
  bbh_client_call_async (self, "delExtension", params, BBH_CALL_DEFAULT,
                         NULL, NULL, bbh_client_del_extension_async,
                         cancellable, callback, user_data);
}

gboolean
bbh_client_del_extension_finish (BbhClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_ok (self, result, bbh_client_del_extension_async, error);
}

/* 2.11.4 initExtensionPassword */

static gpointer
parse_new_password (JsonObject  *root,
                    GError     **error)
{
  char *password = bbh_json_dup_string_any (root, "password", "extePassword", NULL);

  if (password == NULL)
    password = bbh_json_dup_string_any (bbh_json_get_object (root, "data"),
                                        "password", "extePassword", NULL);
  if (password == NULL || *password == '\0')
    {
      g_free (password);
      g_set_error_literal (error, BBH_ERROR, BBH_ERROR_PROTOCOL,
                           _("The password was reset, but the server did not say the new one. Reset it again, or set one by editing the agent."));
      return NULL;
    }
  return password;
}

void
bbh_client_init_extension_password_async (BbhClient           *self,
                                          gint64               exte_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (!check_exte_id (exte_id, &error))
    {
      bbh_client_report_error (self, bbh_client_init_extension_password_async, callback,
                               user_data, g_steal_pointer (&error));
      return;
    }

  params = bbh_params_new ();
  bbh_params_add_int (params, "exteId", exte_id);
  bbh_client_call_async (self, "initExtensionPassword", params, BBH_CALL_DEFAULT,
                         parse_new_password, g_free,
                         bbh_client_init_extension_password_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_init_extension_password_finish:
 *
 * Returns: (transfer full): the agent's new password, in clear, to hand to the agent.
 */
char *
bbh_client_init_extension_password_finish (BbhClient     *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return bbh_client_call_finish (self, result, bbh_client_init_extension_password_async, error);
}

/* 2.2.4 setShowPhone */

static gboolean
check_extension (const char  *extension,
                 GError     **error)
{
  gsize len = extension != NULL ? strlen (extension) : 0;

  if (len == 0)
    {
      g_set_error_literal (error, BBH_ERROR, BBH_ERROR_INVALID,
                           _("Choose an agent first: the extension is missing."));
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (extension[i]))
      len = 0;
  if (len == 0 || len > 16)
    {
      g_set_error (error, BBH_ERROR, BBH_ERROR_INVALID,
                   _("The extension “%s” is not valid: it must be the agent's extension number."),
                   extension);
      return FALSE;
    }
  return TRUE;
}

/**
 * bbh_client_set_show_phone_async:
 * @extension: the agent's extension
 * @phone: the caller ID number the agent's calls will show
 */
void
bbh_client_set_show_phone_async (BbhClient           *self,
                                 const char          *extension,
                                 const char          *phone,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (!check_extension (extension, &error)
      || !bbh_check_phone (phone, _("caller ID number"), &error))
    {
      bbh_client_report_error (self, bbh_client_set_show_phone_async, callback, user_data,
                               g_steal_pointer (&error));
      return;
    }

  params = bbh_params_new ();
  bbh_params_add (params, "extension", extension);
  bbh_params_add (params, "phone", phone);
  bbh_client_call_async (self, "setShowPhone", params, BBH_CALL_DEFAULT,
                         NULL, NULL, bbh_client_set_show_phone_async,
                         cancellable, callback, user_data);
}

gboolean
bbh_client_set_show_phone_finish (BbhClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_ok (self, result, bbh_client_set_show_phone_async, error);
}

/* 2.2.1 systemChannels */

void
bbh_client_system_channels_async (BbhClient           *self,
                                  const char          *company_number,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (company_number != NULL && *company_number != '\0')
    for (const char *p = company_number; *p; p++)
      if (!g_ascii_isdigit (*p))
        {
          bbh_client_report_error (self, bbh_client_system_channels_async, callback, user_data,
                                   g_error_new (BBH_ERROR, BBH_ERROR_INVALID,
                                                _("The company number “%s” is not valid: it must be digits only."),
                                                company_number));
          return;
        }

  params = bbh_params_new ();
  if (company_number != NULL && *company_number != '\0')
    bbh_params_add (params, "CompNumber", company_number);
  bbh_client_call_async (self, "systemChannels", params, BBH_CALL_DEFAULT,
                         bbh_channel_stats_parse, g_object_unref,
                         bbh_client_system_channels_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_system_channels_finish:
 *
 * Returns: (transfer full): the channel counters and rows.
 */
BbhChannelStats *
bbh_client_system_channels_finish (BbhClient     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return bbh_client_call_finish (self, result, bbh_client_system_channels_async, error);
}

/* 2.2.2 getChannelList — rows under `rows` (the document), `data`, `list` or `channels`. */

static gpointer
parse_channel_list (JsonObject  *root,
                    GError     **error)
{
  g_autoptr(BbhList) list = bbh_list_new (BBH_TYPE_QUEUED_CALL);

  bbh_admin_list_append_rows (list, root, bbh_queued_call_new_from_json,
                              "rows", "data", "list", "channels", NULL);
  list->total = bbh_json_get_total (root, g_list_model_get_n_items (G_LIST_MODEL (list->items)));
  return g_steal_pointer (&list);
}

/**
 * bbh_client_get_channel_list_async:
 * @queue_only: %TRUE for the calls waiting in the queue (`queueSize=1`), %FALSE for every
 *   channel (`queueSize=0`)
 */
void
bbh_client_get_channel_list_async (BbhClient           *self,
                                   gboolean             queue_only,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  params = bbh_params_new ();
  bbh_params_add_int (params, "queueSize", queue_only ? 1 : 0);
  bbh_client_call_async (self, "getChannelList", params, BBH_CALL_DEFAULT,
                         parse_channel_list, (GDestroyNotify) bbh_list_free,
                         bbh_client_get_channel_list_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_get_channel_list_finish:
 * @out_total: (out) (optional): the server's total, or the number of calls
 *
 * Returns: (transfer full): a #GListModel of #BbhQueuedCall.
 */
GListModel *
bbh_client_get_channel_list_finish (BbhClient     *self,
                                    GAsyncResult  *result,
                                    guint64       *out_total,
                                    GError       **error)
{
  return bbh_client_call_finish_list (self, result, bbh_client_get_channel_list_async,
                                      out_total, error);
}

/* 2.2.6 addBlacklists, 2.2.7 delBlacklists: `phones`, comma-separated. Numbers are stripped
 * of surrounding spaces (people paste them) and sent once each, in the order given. */

static char *
join_phones (const char * const  *phones,
             GError             **error)
{
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (phones == NULL || phones[0] == NULL)
    {
      g_set_error_literal (error, BBH_ERROR, BBH_ERROR_INVALID,
                           _("Enter at least one phone number."));
      return NULL;
    }

  for (guint i = 0; phones[i] != NULL; i++)
    {
      g_autofree char *phone = g_strstrip (g_strdup (phones[i]));
      g_autofree char *what = NULL;

      /* Translators: %s is a phone number as typed, used in “The %s is empty.” and alike */
      what = g_strdup_printf (_("phone number “%s”"), phone);
      if (*phone == '\0')
        {
          g_set_error (error, BBH_ERROR, BBH_ERROR_INVALID,
                       _("Phone number %u of the list is empty."), i + 1);
          return NULL;
        }
      if (!bbh_check_phone (phone, what, error))
        return NULL;
      if (g_hash_table_contains (seen, phone))
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ',');
      g_string_append (joined, phone);
      g_hash_table_add (seen, g_steal_pointer (&phone));
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static void
call_blacklists (BbhClient           *self,
                 const char          *method,
                 const char * const  *phones,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *joined = join_phones (phones, &error);
  BbhParams *params;

  if (joined == NULL)
    {
      bbh_client_report_error (self, source_tag, callback, user_data, g_steal_pointer (&error));
      return;
    }

  params = bbh_params_new ();
  bbh_params_add (params, "phones", joined);
  bbh_client_call_async (self, method, params, BBH_CALL_DEFAULT, NULL, NULL, source_tag,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_add_blacklists_async:
 * @phones: (array zero-terminated=1): the numbers to block; at least one
 */
void
bbh_client_add_blacklists_async (BbhClient           *self,
                                 const char * const  *phones,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (BBH_IS_CLIENT (self));

  call_blacklists (self, "addBlacklists", phones, bbh_client_add_blacklists_async,
                   cancellable, callback, user_data);
}

gboolean
bbh_client_add_blacklists_finish (BbhClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_ok (self, result, bbh_client_add_blacklists_async, error);
}

/**
 * bbh_client_del_blacklists_async:
 * @phones: (array zero-terminated=1): the numbers to unblock; at least one
 */
void
bbh_client_del_blacklists_async (BbhClient           *self,
                                 const char * const  *phones,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (BBH_IS_CLIENT (self));

  call_blacklists (self, "delBlacklists", phones, bbh_client_del_blacklists_async,
                   cancellable, callback, user_data);
}

gboolean
bbh_client_del_blacklists_finish (BbhClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_ok (self, result, bbh_client_del_blacklists_async, error);
}

/* 2.2.8 getBlacklists
 *
 * `blaPhone` is "the list of numbers" without a type. Seen and tolerated: an array of
 * strings (or numbers), an array of objects carrying the number, a comma-separated string,
 * and the same under `rows`, `data` or `list` — also both at once (the sandbox sends the
 * bare numbers as `blaPhone` and the full rows as `rows`). */

static void
append_phones_text (BbhList    *list,
                    const char *text)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return;

  /* Commas, also the full-width ones of Chinese input, semicolons and line breaks. */
  parts = g_regex_split_simple ("[,，;；\\s]+", text, 0, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autoptr(GObject) entry = bbh_blacklist_entry_new_from_phone (parts[i]);

      if (entry != NULL)
        g_list_store_append (list->items, entry);
    }
}

/* An array with at least one object, or an object (a map of rows, or one row). */
static gboolean
holds_rows (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
          return TRUE;
    }
  return FALSE;
}

static gpointer
parse_blacklists (JsonObject  *root,
                  GError     **error)
{
  static const char * const members[] = {
    "blaPhone", "blaPhones", "blacklist", "blacklists", "rows", "data", "list",
  };
  g_autoptr(BbhList) list = bbh_list_new (BBH_TYPE_BLACKLIST_ENTRY);
  JsonNode *node = NULL;

  /* A server may send both the bare numbers and rows that say more about them (id, date):
   * the rows win. Otherwise the first member present. */
  for (guint i = 0; i < G_N_ELEMENTS (members) && node == NULL; i++)
    {
      JsonNode *candidate = json_object_get_member (root, members[i]);

      if (candidate != NULL && holds_rows (candidate))
        node = candidate;
    }
  for (guint i = 0; i < G_N_ELEMENTS (members) && node == NULL; i++)
    if (json_object_has_member (root, members[i])
        && !JSON_NODE_HOLDS_NULL (json_object_get_member (root, members[i])))
      node = json_object_get_member (root, members[i]);

  if (node == NULL)
    {
      /* Missing or null: an empty blacklist. */
    }
  else if (JSON_NODE_HOLDS_VALUE (node))
    {
      g_autofree char *text = bbh_json_node_dup_text (node);

      append_phones_text (list, text);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (element))
            {
              g_autoptr(GObject) entry = bbh_blacklist_entry_new_from_json (json_node_get_object (element));

              if (entry != NULL)
                g_list_store_append (list->items, entry);
            }
          else if (JSON_NODE_HOLDS_VALUE (element))
            {
              g_autofree char *text = bbh_json_node_dup_text (element);

              append_phones_text (list, text);
            }
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    bbh_admin_list_append_node (list, node, bbh_blacklist_entry_new_from_json);

  list->total = bbh_json_get_total (root, g_list_model_get_n_items (G_LIST_MODEL (list->items)));
  return g_steal_pointer (&list);
}

void
bbh_client_get_blacklists_async (BbhClient           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (BBH_IS_CLIENT (self));

  bbh_client_call_async (self, "getBlacklists", NULL, BBH_CALL_DEFAULT,
                         parse_blacklists, (GDestroyNotify) bbh_list_free,
                         bbh_client_get_blacklists_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_get_blacklists_finish:
 * @out_total: (out) (optional): the server's total, or the number of entries
 *
 * Returns: (transfer full): a #GListModel of #BbhBlacklistEntry.
 */
GListModel *
bbh_client_get_blacklists_finish (BbhClient     *self,
                                  GAsyncResult  *result,
                                  guint64       *out_total,
                                  GError       **error)
{
  return bbh_client_call_finish_list (self, result, bbh_client_get_blacklists_async,
                                      out_total, error);
}
