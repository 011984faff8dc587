/* agent-outbox-send.c — what each kind of outbox entry asks of the server
 *
 * The queue (agent-outbox.c) does not know the protocol: for each entry it asks here to send
 * it, or — when the entry was in flight before — whether the server has it already. The
 * payload is the JSON stored in the database, by the wire names of the method's fields.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-outbox"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "agent-outbox-private.h"

/* How far the server's clock may be from ours when a memo is matched by its time. */
#define VERIFY_SLACK_MS    (10 * 60 * 1000)
#define VERIFY_MEMO_LIMIT  50

typedef struct
{
  AgentOutboxEntry *entry;
  JsonObject       *payload;
} SendData;

static void
send_data_free (SendData *data)
{
  agent_outbox_entry_free (data->entry);
  g_clear_pointer (&data->payload, json_object_unref);
  g_free (data);
}

static AgentOutboxEntry *
entry_copy (AgentOutboxEntry *entry)
{
  AgentOutboxEntry *copy = g_memdup2 (entry, sizeof *entry);

  copy->phone = g_strdup (entry->phone);
  copy->payload = g_strdup (entry->payload);
  return copy;
}

static JsonObject *
parse_payload (AgentOutboxEntry  *entry,
               GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (json_parser_load_from_data (parser, entry->payload, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    return json_object_ref (json_node_get_object (root));

  g_set_error_literal (error, BBH_ERROR, BBH_ERROR_INVALID,
                       _("The saved change is damaged and cannot be sent."));
  return NULL;
}

/* A wire value as text, whatever JSON type it was stored as; NULL when absent. */
static char *
dup_value (JsonObject *payload,
           const char *member)
{
  JsonNode *node = json_object_get_member (payload, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "1" : "0");
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    default:
      return NULL;
    }
}

/* A string member, or NULL when absent or not a string. */
const char *
agent_outbox_payload_get_string (JsonObject *payload,
                                 const char *member)
{
  JsonNode *node = json_object_get_member (payload, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Ids are 64-bit and kept as text; numbers are accepted too. */
static gint64
get_int (JsonObject *payload,
         const char *member,
         gint64      fallback)
{
  g_autofree char *text = dup_value (payload, member);
  gint64 value;
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return fallback;
  value = g_ascii_strtoll (text, &end, 10);
  return end != NULL && *end == '\0' ? value : fallback;
}

static GDateTime *
get_time (JsonObject *payload,
          const char *member)
{
  const char *text = agent_outbox_payload_get_string (payload, member);
  g_autoptr(GTimeZone) local = NULL;
  int y, mo, d, h, mi, s;

  if (text == NULL || *text == '\0')
    return NULL;
  if (strchr (text, 'T') != NULL)
    return g_date_time_new_from_iso8601 (text, NULL);
  if (sscanf (text, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6)
    return NULL;
  local = g_time_zone_new_local ();
  return g_date_time_new (local, y, mo, d, h, mi, s);
}

/* ---- customer-save: fields by saveCustomer's names ---- */

static const struct
{
  const char *member;
  void      (*set) (BbhCustomerEdit *edit, const char *value);
} customer_fields[] = {
  { "custName", bbh_customer_edit_set_name },
  { "custCorpName", bbh_customer_edit_set_corp_name },
  { "custStatus", bbh_customer_edit_set_status },
  { "custQQ", bbh_customer_edit_set_qq },
  { "custAddr", bbh_customer_edit_set_address },
  { "custBirthday", bbh_customer_edit_set_birthday },
  { "custSource", bbh_customer_edit_set_source },
  { "custAge", bbh_customer_edit_set_age },
  { "custArea", bbh_customer_edit_set_area },
  { "custSex", bbh_customer_edit_set_sex },
  { "custMemo", bbh_customer_edit_set_memo },
  { "custType", bbh_customer_edit_set_customer_type },
  { "custOther1", bbh_customer_edit_set_other1 },
  { "custOther2", bbh_customer_edit_set_other2 },
  { "custOther3", bbh_customer_edit_set_other3 },
};

static BbhCustomerEdit *
customer_edit_from_payload (JsonObject *payload)
{
  g_autoptr(BbhCustomerEdit) edit = bbh_customer_edit_new ();
  JsonArray *phones = NULL;

  bbh_customer_edit_set_id (edit, get_int (payload, "custId", 0));
  for (guint i = 0; i < G_N_ELEMENTS (customer_fields); i++)
    {
      g_autofree char *value = dup_value (payload, customer_fields[i].member);

      if (value != NULL)
        customer_fields[i].set (edit, value);
    }
  if (json_object_has_member (payload, "custBirthdayType"))
    bbh_customer_edit_set_birthday_type (edit, get_int (payload, "custBirthdayType", 0));

  if (json_object_has_member (payload, "phones") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (payload, "phones")))
    phones = json_object_get_array_member (payload, "phones");

  if (phones != NULL)
    {
      for (guint i = 0; i < json_array_get_length (phones); i++)
        {
          JsonNode *node = json_array_get_element (phones, i);
          JsonObject *phone;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          phone = json_node_get_object (node);
          bbh_customer_edit_add_phone (edit, agent_outbox_payload_get_string (phone, "cpPhone"),
                                       agent_outbox_payload_get_string (phone, "cpType"),
                                       agent_outbox_payload_get_string (phone, "cpLinkMan"));
        }
    }
  else if (agent_outbox_payload_get_string (payload, "cpPhone") != NULL)
    {
      bbh_customer_edit_add_phone (edit, agent_outbox_payload_get_string (payload, "cpPhone"),
                                   NULL, NULL);
    }

  return g_steal_pointer (&edit);
}

/**
 * agent_outbox_payload_from_customer_edit:
 * @edit: a customer being edited
 *
 * Returns: (transfer full): the fields of @edit by saveCustomer's names, for the outbox
 */
JsonObject *
agent_outbox_payload_from_customer_edit (BbhCustomerEdit *edit)
{
  JsonObject *payload = json_object_new ();
  JsonArray *phones = json_array_new ();
  static const struct { const char *member; const char *(*get) (BbhCustomerEdit *); } getters[] = {
    { "custName", bbh_customer_edit_get_name },
    { "custCorpName", bbh_customer_edit_get_corp_name },
    { "custStatus", bbh_customer_edit_get_status },
    { "custQQ", bbh_customer_edit_get_qq },
    { "custAddr", bbh_customer_edit_get_address },
    { "custBirthday", bbh_customer_edit_get_birthday },
    { "custSource", bbh_customer_edit_get_source },
    { "custAge", bbh_customer_edit_get_age },
    { "custArea", bbh_customer_edit_get_area },
    { "custSex", bbh_customer_edit_get_sex },
    { "custMemo", bbh_customer_edit_get_memo },
    { "custType", bbh_customer_edit_get_customer_type },
    { "custOther1", bbh_customer_edit_get_other1 },
    { "custOther2", bbh_customer_edit_get_other2 },
    { "custOther3", bbh_customer_edit_get_other3 },
  };

  if (bbh_customer_edit_get_id (edit) > 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, bbh_customer_edit_get_id (edit));
      json_object_set_string_member (payload, "custId", id);
    }

  for (guint i = 0; i < G_N_ELEMENTS (getters); i++)
    if (getters[i].get (edit) != NULL)
      json_object_set_string_member (payload, getters[i].member, getters[i].get (edit));
  json_object_set_int_member (payload, "custBirthdayType", bbh_customer_edit_get_birthday_type (edit));

  for (guint i = 0; i < bbh_customer_edit_get_n_phones (edit); i++)
    {
      JsonObject *phone = json_object_new ();

      json_object_set_string_member (phone, "cpPhone", bbh_customer_edit_get_phone (edit, i));
      if (bbh_customer_edit_get_phone_type (edit, i) != NULL)
        json_object_set_string_member (phone, "cpType", bbh_customer_edit_get_phone_type (edit, i));
      if (bbh_customer_edit_get_phone_link_man (edit, i) != NULL)
        json_object_set_string_member (phone, "cpLinkMan",
                                       bbh_customer_edit_get_phone_link_man (edit, i));
      json_array_add_object_element (phones, phone);
    }
  json_object_set_array_member (payload, "phones", phones);

  return payload;
}

/* ---- cdr-record: fields by addCdrRecord's names ---- */

static BbhCdrUpload *
cdr_upload_from_payload (JsonObject *payload)
{
  BbhCdrUpload *upload = bbh_cdr_upload_new (get_int (payload, "dialId", 0));

  upload->status = get_int (payload, "dialStatus", -1);
  upload->open_ip = g_strdup (agent_outbox_payload_get_string (payload, "dialOpenIp"));
  upload->peer = get_int (payload, "dialPeer", -1);
  upload->phone = g_strdup (agent_outbox_payload_get_string (payload, "dialPhoneNum"));
  upload->type = get_int (payload, "dialType", -1);
  upload->start_time = get_time (payload, "dialStartTime");
  upload->success_time = get_time (payload, "dialSucessTime");
  upload->hangup_time = get_time (payload, "dialHangupTime");
  upload->answer = get_int (payload, "dialAnswer", -1);
  upload->hangup_reason = get_int (payload, "dialHangupReason", -1);
  upload->talk_time = get_int (payload, "dialTalktime", -1);
  upload->record_file = g_strdup (agent_outbox_payload_get_string (payload, "dialRecordFile"));
  upload->ctd_id = get_int (payload, "dialCtdId", 0);
  upload->transfer_success_time = get_time (payload, "dialTransferSuccesTime");
  upload->transfer_time = get_int (payload, "dialTransferTimes", -1);
  upload->sms_send_status = get_int (payload, "dialSmsSendStatus", -1);
  return upload;
}

/* ---- sending ---- */

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  BbhClient *client = BBH_CLIENT (object);
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  switch (data->entry->kind)
    {
    case AGENT_OUTBOX_KIND_MEMO:
      ok = bbh_client_add_memo_finish (client, result, &error);
      break;
    case AGENT_OUTBOX_KIND_CUSTOMER_SAVE:
      ok = bbh_client_save_customer_finish (client, result, NULL, &error);
      break;
    case AGENT_OUTBOX_KIND_CUSTOMER_LOCK:
      ok = bbh_client_set_customer_lock_finish (client, result, &error);
      break;
    case AGENT_OUTBOX_KIND_CUSTOMER_SALES:
      ok = bbh_client_set_customer_sales_finish (client, result, &error);
      break;
    case AGENT_OUTBOX_KIND_CDR_RECORD:
      ok = bbh_client_add_cdr_record_finish (client, result, &error);
      break;
    case AGENT_OUTBOX_KIND_SMS_RECORD:
      ok = bbh_client_add_sms_record_finish (client, result, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * agent_outbox_send_async:
 * @client: the logged-in client
 * @entry: the entry to send
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the server's answer
 * @user_data: data for @callback
 *
 * Sends @entry with the method of its kind. Finish with agent_outbox_send_finish().
 */
void
agent_outbox_send_async (BbhClient           *client,
                         AgentOutboxEntry    *entry,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (client, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  SendData *data;
  JsonObject *payload;

  g_task_set_source_tag (task, agent_outbox_send_async);

  payload = parse_payload (entry, &error);
  if (payload == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (SendData, 1);
  data->entry = entry_copy (entry);
  data->payload = payload;
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  switch (entry->kind)
    {
    case AGENT_OUTBOX_KIND_MEMO:
      {
        const char *remind = agent_outbox_payload_get_string (payload, "remind_at");
        g_autoptr(GDateTime) remind_at = remind != NULL
                                         ? g_date_time_new_from_iso8601 (remind, NULL) : NULL;

        bbh_client_add_memo_async (client, entry->phone,
                                   agent_outbox_payload_get_string (payload, "text"), remind_at,
                                   agent_outbox_payload_get_string (payload, "remind_phone"),
                                   cancellable, on_sent_cb, g_steal_pointer (&task));
      }
      break;

    case AGENT_OUTBOX_KIND_CUSTOMER_SAVE:
      {
        g_autoptr(BbhCustomerEdit) edit = customer_edit_from_payload (payload);

        bbh_client_save_customer_async (client, edit, cancellable, on_sent_cb,
                                        g_steal_pointer (&task));
      }
      break;

    case AGENT_OUTBOX_KIND_CUSTOMER_LOCK:
      bbh_client_set_customer_lock_async (client, get_int (payload, "custId", 0),
                                          get_int (payload, "locked", 0) != 0, cancellable,
                                          on_sent_cb, g_steal_pointer (&task));
      break;

    case AGENT_OUTBOX_KIND_CUSTOMER_SALES:
      bbh_client_set_customer_sales_async (client, get_int (payload, "csId", 0),
                                           agent_outbox_payload_get_string (payload, "extension"),
                                           get_int (payload, "custId", 0),
                                           agent_outbox_payload_get_string (payload, "custType"),
                                           get_int (payload, "status", 0) != 0,
                                           agent_outbox_payload_get_string (payload, "phone"),
                                           cancellable, on_sent_cb, g_steal_pointer (&task));
      break;

    case AGENT_OUTBOX_KIND_CDR_RECORD:
      {
        g_autoptr(BbhCdrUpload) upload = cdr_upload_from_payload (payload);

        bbh_client_add_cdr_record_async (client, upload, cancellable, on_sent_cb,
                                         g_steal_pointer (&task));
      }
      break;

    case AGENT_OUTBOX_KIND_SMS_RECORD:
      bbh_client_add_sms_record_async (client, get_int (payload, "id", 0),
                                       get_int (payload, "kind", BBH_SMS_SENT),
                                       entry->phone,
                                       agent_outbox_payload_get_string (payload, "content"),
                                       get_int (payload, "time", 0), cancellable, on_sent_cb,
                                       g_steal_pointer (&task));
      break;

    default:
      g_task_return_new_error (task, BBH_ERROR, BBH_ERROR_UNSUPPORTED,
                               _("This version cannot send “%s” changes."),
                               agent_outbox_kind_to_string (entry->kind));
      break;
    }
}

gboolean
agent_outbox_send_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- checking whether an entry in flight arrived ---- */

static gboolean
memo_matches (BbhMemo    *memo,
              const char *text,
              gint64      created_ms,
              gint64      now_ms)
{
  g_autoptr(GDateTime) when = NULL;
  gint64 when_ms;

  if (g_strcmp0 (bbh_memo_get_text (memo), text) != 0)
    return FALSE;

  when = bbh_memo_dup_date_time (memo);
  if (when == NULL)
    return FALSE;

  when_ms = g_date_time_to_unix (when) * 1000;
  return when_ms >= created_ms - VERIFY_SLACK_MS && when_ms <= now_ms + VERIFY_SLACK_MS;
}

static void
on_verify_memos_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) memos = NULL;
  gint64 now_ms = g_get_real_time () / 1000;
  const char *text = agent_outbox_payload_get_string (data->payload, "text");

  memos = bbh_client_get_memos_finish (BBH_CLIENT (object), result, NULL, &error);
  if (memos == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; text != NULL && i < g_list_model_get_n_items (memos); i++)
    {
      g_autoptr(BbhMemo) memo = g_list_model_get_item (memos, i);

      if (memo_matches (memo, text, data->entry->created_ms, now_ms))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
    }

  g_task_return_boolean (task, FALSE);
}

static void
on_verify_customer_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhCustomer) customer = NULL;

  customer = bbh_client_get_customer_finish (BBH_CLIENT (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (customer == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  /* Every field the entry sets already has that value: the save arrived. */
  for (guint i = 0; i < G_N_ELEMENTS (customer_fields); i++)
    {
      g_autofree char *wanted = dup_value (data->payload, customer_fields[i].member);
      g_autofree char *have = NULL;

      if (wanted == NULL)
        continue;
      have = bbh_customer_dup_field (customer, customer_fields[i].member);
      if (g_strcmp0 (wanted, have != NULL ? have : "") != 0)
        {
          g_task_return_boolean (task, FALSE);
          return;
        }
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * agent_outbox_verify_async:
 * @client: the logged-in client
 * @entry: an entry that was in flight
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the server was asked
 * @user_data: data for @callback
 *
 * Asks the server whether @entry already arrived (a memo: same text at about the same time
 * among the number's memos; a customer: every field already saved). Kinds that are the same
 * when applied twice are never found, so they are simply sent again.
 */
void
agent_outbox_verify_async (BbhClient           *client,
                           AgentOutboxEntry    *entry,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (client, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  SendData *data;
  JsonObject *payload;

  g_task_set_source_tag (task, agent_outbox_verify_async);

  payload = parse_payload (entry, &error);
  if (payload == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (SendData, 1);
  data->entry = entry_copy (entry);
  data->payload = payload;
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  switch (entry->kind)
    {
    case AGENT_OUTBOX_KIND_MEMO:
      bbh_client_get_memos_async (client, entry->phone, 0, VERIFY_MEMO_LIMIT, cancellable,
                                  on_verify_memos_cb, g_steal_pointer (&task));
      break;

    case AGENT_OUTBOX_KIND_CUSTOMER_SAVE:
      if (entry->phone != NULL && *entry->phone != '\0')
        bbh_client_get_customer_async (client, entry->phone, cancellable, on_verify_customer_cb,
                                       g_steal_pointer (&task));
      else
        g_task_return_boolean (task, FALSE);
      break;

    case AGENT_OUTBOX_KIND_CUSTOMER_LOCK:
    case AGENT_OUTBOX_KIND_CUSTOMER_SALES:
    case AGENT_OUTBOX_KIND_CDR_RECORD:
    case AGENT_OUTBOX_KIND_SMS_RECORD:
    default:
      /* Setting the same values twice leaves the server as once; a record with the same id
       * is kept once. */
      g_task_return_boolean (task, FALSE);
      break;
    }
}

/**
 * agent_outbox_verify_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the server has the entry already; %FALSE with @error unset when it
 *   must be sent
 */
gboolean
agent_outbox_verify_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
