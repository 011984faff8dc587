/* agent-paged-model.h — a GListModel that fetches its items from the server page by page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * AgentPagedFetchFunc:
 * @start: the first row of the page (0-based)
 * @limit: how many rows to fetch
 * @cancellable: cancelled when the model is reloaded or disposed
 * @callback: call it (with any source object) when the page is there
 * @callback_data: data for @callback
 * @user_data: the data given with the function
 *
 * Starts fetching one page, e.g. `bbh_client_find_dial_record_async()` with @start and @limit.
 */
typedef void        (*AgentPagedFetchFunc)  (guint                start,
                                             guint                limit,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             callback_data,
                                             gpointer             user_data);

/**
 * AgentPagedFinishFunc:
 * @result: the result @callback of #AgentPagedFetchFunc received
 * @out_total: (out): the server's total number of rows
 * @error: return location for an error
 * @user_data: the data given with the function
 *
 * Finishes a fetch, e.g. with `bbh_client_find_dial_record_finish()`.
 *
 * Returns: (transfer full) (nullable): the page's items, of the model's item type
 */
typedef GListModel *(*AgentPagedFinishFunc) (GAsyncResult        *result,
                                             guint64             *out_total,
                                             GError             **error,
                                             gpointer             user_data);

#define AGENT_TYPE_PAGED_MODEL (agent_paged_model_get_type ())

G_DECLARE_FINAL_TYPE (AgentPagedModel, agent_paged_model, AGENT, PAGED_MODEL, GObject)

AgentPagedModel *agent_paged_model_new               (GType                 item_type,
                                                      guint                 page_size);
void             agent_paged_model_set_fetch_func    (AgentPagedModel      *self,
                                                      AgentPagedFetchFunc   fetch,
                                                      AgentPagedFinishFunc  finish,
                                                      gpointer              user_data,
                                                      GDestroyNotify        destroy);
void             agent_paged_model_reload            (AgentPagedModel      *self);
void             agent_paged_model_clear             (AgentPagedModel      *self);
GType            agent_paged_model_get_item_type     (AgentPagedModel      *self);
guint            agent_paged_model_get_page_size     (AgentPagedModel      *self);
guint64          agent_paged_model_get_total         (AgentPagedModel      *self);
gboolean         agent_paged_model_get_loading       (AgentPagedModel      *self);
gboolean         agent_paged_model_get_loaded        (AgentPagedModel      *self);
guint            agent_paged_model_get_n_loaded      (AgentPagedModel      *self);
gboolean         agent_paged_model_is_loaded         (AgentPagedModel      *self,
                                                      guint                 position);
gpointer         agent_paged_model_peek_item         (AgentPagedModel      *self,
                                                      guint                 position);
gboolean         agent_paged_model_is_placeholder    (gpointer              item);
gboolean         agent_paged_model_get_auto_fetch    (AgentPagedModel      *self);
void             agent_paged_model_set_auto_fetch    (AgentPagedModel      *self,
                                                      gboolean              auto_fetch);
void             agent_paged_model_ensure_range      (AgentPagedModel      *self,
                                                      guint                 first,
                                                      guint                 last);
gboolean         agent_paged_model_get_reversed      (AgentPagedModel      *self);
void             agent_paged_model_set_reversed      (AgentPagedModel      *self,
                                                      gboolean              reversed);

G_END_DECLS
