/* agent-outbox-private.h — what AgentOutbox and its worker thread share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "agent-outbox.h"

G_BEGIN_DECLS

enum
{
  STATE_QUEUED    = 0,
  STATE_IN_FLIGHT = 1,
  STATE_FAILED    = 2,
};

typedef struct
{
  gint64           id;
  AgentOutboxKind  kind;
  char            *phone;
  char            *payload;     /* a JSON object */
  gint64           created_ms;
  gboolean         verify;      /* it was in flight before: ask the server first */
} AgentOutboxEntry;

typedef enum
{
  OUTBOX_JOB_OPEN,
  OUTBOX_JOB_ADD,
  OUTBOX_JOB_NEXT,
  OUTBOX_JOB_DELETE,
  OUTBOX_JOB_FAIL,
  OUTBOX_JOB_REQUEUE_FAILED,
  OUTBOX_JOB_COUNT,
  OUTBOX_JOB_WATERMARKS,
  OUTBOX_JOB_QUIT,
} AgentOutboxJobType;

/* What the worker thread owns. The object only reaches it through jobs, and the dirty
 * watermarks under the lock. */
typedef struct
{
  char        *path;
  sqlite3     *db;
  GAsyncQueue *jobs;
  GThread     *thread;

  GMutex       lock;
  GHashTable  *dirty_watermarks;   /* feed → gint64*, under lock */
  gboolean     watermark_job_queued;
} AgentOutboxStore;

typedef struct
{
  AgentOutboxJobType       type;
  GTask        *task;            /* NULL for fire-and-forget jobs */
  GMainContext *context;
  char         *account;
  AgentOutboxEntry        *entry;           /* OUTBOX_JOB_ADD: in; OUTBOX_JOB_NEXT: out */
  gint64        id;
  char         *message;
  /* Out */
  GError       *error;
  guint         pending;
  guint         failed;
  GHashTable   *watermarks;      /* OUTBOX_JOB_OPEN: feed → gint64* */
} AgentOutboxJob;

AgentOutboxStore *agent_outbox_store_new               (const char       *path);
void              agent_outbox_store_push              (AgentOutboxStore *store,
                                                        AgentOutboxJob   *job);
void              agent_outbox_store_queue_watermark   (AgentOutboxStore *store,
                                                        const char       *feed,
                                                        gint64            watermark);
void              agent_outbox_store_free              (AgentOutboxStore *store);
gint64            agent_outbox_store_read_watermark    (const char       *path,
                                                        const char       *feed);
void              agent_outbox_entry_free              (AgentOutboxEntry *entry);
void              agent_outbox_job_free                (AgentOutboxJob   *job);
gint64           *agent_outbox_int64_dup               (gint64            value);

/* agent-outbox-send.c: the protocol side of each kind */
const char       *agent_outbox_payload_get_string      (JsonObject          *payload,
                                                        const char          *member);
void              agent_outbox_send_async              (BbhClient           *client,
                                                        AgentOutboxEntry    *entry,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean          agent_outbox_send_finish             (GAsyncResult        *result,
                                                        GError             **error);
void              agent_outbox_verify_async            (BbhClient           *client,
                                                        AgentOutboxEntry    *entry,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean          agent_outbox_verify_finish           (GAsyncResult        *result,
                                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AgentOutboxEntry, agent_outbox_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AgentOutboxJob, agent_outbox_job_free)

G_END_DECLS
