/* agent-outbox-add.c — one way in per kind of write: the entry's payload, by wire names
 *
 * Each builds the JSON object agent-outbox-send.c turns back into the method's call, and
 * queues it with agent_outbox_add_async(), which returns once it is committed to disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-outbox"

#include "config.h"

#include "agent-outbox-private.h"

/**
 * agent_outbox_add_memo_async:
 * @self: an #AgentOutbox
 * @phone: the customer's number
 * @text: the memo
 * @remind_at: (nullable): when to remind the agent of it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the memo is committed to disk
 * @user_data: data for @callback
 *
 * Finish with agent_outbox_add_finish().
 */
void
agent_outbox_add_memo_async (AgentOutbox         *self,
                             const char          *phone,
                             const char          *text,
                             GDateTime           *remind_at,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(JsonObject) payload = json_object_new ();

  g_return_if_fail (AGENT_IS_OUTBOX (self));
  g_return_if_fail (phone != NULL);
  g_return_if_fail (text != NULL);

  json_object_set_string_member (payload, "text", text);
  if (remind_at != NULL)
    {
      g_autofree char *iso = g_date_time_format_iso8601 (remind_at);

      json_object_set_string_member (payload, "remind_at", iso);
      json_object_set_string_member (payload, "remind_phone", phone);
    }

  agent_outbox_add_async (self, AGENT_OUTBOX_KIND_MEMO, phone, payload, cancellable,
                          callback, user_data);
}

/**
 * agent_outbox_add_customer_save_async:
 * @self: an #AgentOutbox
 * @phone: the customer's main number
 * @fields: (transfer none): saveCustomer's fields by their wire names (`custId` empty or
 *   missing for a new customer, `custName`, `custCorpName`, …)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the entry is committed to disk
 * @user_data: data for @callback
 *
 * Finish with agent_outbox_add_finish().
 */
void
agent_outbox_add_customer_save_async (AgentOutbox         *self,
                                      const char          *phone,
                                      JsonObject          *fields,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  agent_outbox_add_async (self, AGENT_OUTBOX_KIND_CUSTOMER_SAVE, phone, fields, cancellable,
                          callback, user_data);
}

/**
 * agent_outbox_add_customer_edit_async:
 * @self: an #AgentOutbox
 * @edit: the customer as the agent edited it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the entry is committed to disk
 * @user_data: data for @callback
 *
 * Queues saveCustomer for @edit; its first number is the entry's phone. Finish with
 * agent_outbox_add_finish().
 */
void
agent_outbox_add_customer_edit_async (AgentOutbox         *self,
                                      BbhCustomerEdit     *edit,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(JsonObject) payload = NULL;

  g_return_if_fail (BBH_IS_CUSTOMER_EDIT (edit));

  payload = agent_outbox_payload_from_customer_edit (edit);
  agent_outbox_add_async (self, AGENT_OUTBOX_KIND_CUSTOMER_SAVE,
                          bbh_customer_edit_get_n_phones (edit) > 0
                          ? bbh_customer_edit_get_phone (edit, 0) : NULL,
                          payload, cancellable, callback, user_data);
}

/**
 * agent_outbox_add_customer_lock_async:
 * @self: an #AgentOutbox
 * @customer_id: the customer's id
 * @phone: (nullable): the customer's number, for the record
 * @locked: lock or unlock
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the entry is committed to disk
 * @user_data: data for @callback
 *
 * Finish with agent_outbox_add_finish().
 */
void
agent_outbox_add_customer_lock_async (AgentOutbox         *self,
                                      gint64               customer_id,
                                      const char          *phone,
                                      gboolean             locked,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, customer_id);

  /* Ids are 64-bit: kept as text, never through a double. */
  json_object_set_string_member (payload, "custId", id);
  json_object_set_boolean_member (payload, "locked", locked);
  agent_outbox_add_async (self, AGENT_OUTBOX_KIND_CUSTOMER_LOCK, phone, payload, cancellable,
                          callback, user_data);
}

/**
 * agent_outbox_add_customer_sales_async:
 * @self: an #AgentOutbox
 * @fields: (transfer none): setCustomerSales's fields by their wire names (`csId`,
 *   `extension`, `custId`, `custType`, `status`, `phone`)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the entry is committed to disk
 * @user_data: data for @callback
 *
 * Finish with agent_outbox_add_finish().
 */
void
agent_outbox_add_customer_sales_async (AgentOutbox         *self,
                                       JsonObject          *fields,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  const char *phone;

  g_return_if_fail (fields != NULL);

  phone = agent_outbox_payload_get_string (fields, "phone");
  agent_outbox_add_async (self, AGENT_OUTBOX_KIND_CUSTOMER_SALES, phone, fields, cancellable,
                          callback, user_data);
}

/**
 * agent_outbox_add_cdr_record_async:
 * @self: an #AgentOutbox
 * @fields: (transfer none): addCdrRecord's fields by their wire names (`dialId`,
 *   `dialPhoneNum`, `dialStartTime`, …)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the entry is committed to disk
 * @user_data: data for @callback
 *
 * Finish with agent_outbox_add_finish().
 */
void
agent_outbox_add_cdr_record_async (AgentOutbox         *self,
                                   JsonObject          *fields,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  const char *phone;

  g_return_if_fail (fields != NULL);

  phone = agent_outbox_payload_get_string (fields, "dialPhoneNum");
  agent_outbox_add_async (self, AGENT_OUTBOX_KIND_CDR_RECORD, phone, fields, cancellable,
                          callback, user_data);
}

/**
 * agent_outbox_add_sms_record_async:
 * @self: an #AgentOutbox
 * @id: the message's own id, unique per number (addSmsRecord's `id`: the server keeps one
 *   record per id, so sending it again after a crash does not record it twice)
 * @kind: sent or received
 * @phone: the other party
 * @content: (nullable): the text
 * @time_ms: when, in Unix milliseconds
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the entry is committed to disk
 * @user_data: data for @callback
 *
 * Queues addSmsRecord. Finish with agent_outbox_add_finish().
 */
void
agent_outbox_add_sms_record_async (AgentOutbox         *self,
                                   gint64               id,
                                   BbhSmsKind           kind,
                                   const char          *phone,
                                   const char          *content,
                                   gint64               time_ms,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_return_if_fail (AGENT_IS_OUTBOX (self));
  g_return_if_fail (phone != NULL);

  /* Ids and times are 64-bit: kept as text, never through a double. */
  json_object_set_string_member (payload, "id", id_text);
  json_object_set_int_member (payload, "kind", kind);
  json_object_set_string_member (payload, "phone", phone);
  json_object_set_string_member (payload, "content", content != NULL ? content : "");
  json_object_set_int_member (payload, "time", time_ms);
  agent_outbox_add_async (self, AGENT_OUTBOX_KIND_SMS_RECORD, phone, payload, cancellable,
                          callback, user_data);
}
