/* agent-outbox.h — the durable queue every write of the agent goes through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bbh.h"

G_BEGIN_DECLS

/**
 * AgentOutboxKind:
 * @AGENT_OUTBOX_KIND_MEMO: a follow-up note (`addMemo`)
 * @AGENT_OUTBOX_KIND_CUSTOMER_SAVE: a customer record, new or changed (`saveCustomer`)
 * @AGENT_OUTBOX_KIND_CUSTOMER_LOCK: lock or unlock a customer (`setCustomerLock`)
 * @AGENT_OUTBOX_KIND_CUSTOMER_SALES: a sale's status (`setCustomerSales`)
 * @AGENT_OUTBOX_KIND_CDR_RECORD: a call record made on this desktop (`addCdrRecord`)
 * @AGENT_OUTBOX_KIND_SMS_RECORD: a text message sent or received here (`addSmsRecord`)
 *
 * What an entry asks the server to do. The database stores the nick (`memo`,
 * `customer-save`, …), not the number.
 */
typedef enum
{
  AGENT_OUTBOX_KIND_MEMO = 1,
  AGENT_OUTBOX_KIND_CUSTOMER_SAVE,
  AGENT_OUTBOX_KIND_CUSTOMER_LOCK,
  AGENT_OUTBOX_KIND_CUSTOMER_SALES,
  AGENT_OUTBOX_KIND_CDR_RECORD,
  AGENT_OUTBOX_KIND_SMS_RECORD,
} AgentOutboxKind;

#define AGENT_TYPE_OUTBOX_KIND (agent_outbox_kind_get_type ())
GType        agent_outbox_kind_get_type          (void) G_GNUC_CONST;
const char  *agent_outbox_kind_to_string         (AgentOutboxKind      kind);

#define AGENT_TYPE_OUTBOX (agent_outbox_get_type ())

G_DECLARE_FINAL_TYPE (AgentOutbox, agent_outbox, AGENT, OUTBOX, GObject)

char        *agent_outbox_dup_default_path       (void);

void         agent_outbox_new_async              (const char          *path,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
AgentOutbox *agent_outbox_new_finish             (GAsyncResult        *result,
                                                  GError             **error);

const char  *agent_outbox_get_path               (AgentOutbox         *self);
BbhClient   *agent_outbox_get_client             (AgentOutbox         *self);
void         agent_outbox_set_client             (AgentOutbox         *self,
                                                  BbhClient           *client);
guint        agent_outbox_get_pending            (AgentOutbox         *self);
guint        agent_outbox_get_failed             (AgentOutbox         *self);
gboolean     agent_outbox_get_stalled            (AgentOutbox         *self);
const char  *agent_outbox_get_last_error         (AgentOutbox         *self);
guint        agent_outbox_get_retry_delay        (AgentOutbox         *self);
void         agent_outbox_set_retry_delay        (AgentOutbox         *self,
                                                  guint                initial_ms);
void         agent_outbox_retry_now              (AgentOutbox         *self);
void         agent_outbox_retry_failed           (AgentOutbox         *self);

/* Every add returns once the entry is committed to disk; the finish gives its id. */
void         agent_outbox_add_async              (AgentOutbox         *self,
                                                  AgentOutboxKind      kind,
                                                  const char          *phone,
                                                  JsonObject          *payload,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gint64       agent_outbox_add_finish             (AgentOutbox         *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void         agent_outbox_add_memo_async         (AgentOutbox         *self,
                                                  const char          *phone,
                                                  const char          *text,
                                                  GDateTime           *remind_at,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void         agent_outbox_add_customer_save_async (AgentOutbox        *self,
                                                   const char         *phone,
                                                   JsonObject         *fields,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
void         agent_outbox_add_customer_edit_async (AgentOutbox        *self,
                                                   BbhCustomerEdit    *edit,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
JsonObject  *agent_outbox_payload_from_customer_edit (BbhCustomerEdit *edit);
void         agent_outbox_add_customer_lock_async (AgentOutbox        *self,
                                                   gint64              customer_id,
                                                   const char         *phone,
                                                   gboolean            locked,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
void         agent_outbox_add_customer_sales_async (AgentOutbox       *self,
                                                    JsonObject        *fields,
                                                    GCancellable      *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer           user_data);
void         agent_outbox_add_cdr_record_async   (AgentOutbox         *self,
                                                  JsonObject          *fields,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void         agent_outbox_add_sms_record_async   (AgentOutbox         *self,
                                                  gint64               id,
                                                  BbhSmsKind           kind,
                                                  const char          *phone,
                                                  const char          *content,
                                                  gint64               time_ms,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);

/* The event feed's watermark, kept per server and account; -1 when none was stored. */
gint64       agent_outbox_get_watermark          (AgentOutbox         *self,
                                                  const char          *server,
                                                  const char          *account);
void         agent_outbox_set_watermark          (AgentOutbox         *self,
                                                  const char          *server,
                                                  const char          *account,
                                                  gint64               watermark);

G_END_DECLS
