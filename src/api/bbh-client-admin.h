/* bbh-client-admin.h — BbhClient methods for administration: agents, blacklist, channels, outbound campaigns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bbh-client.h"
#include "bbh-agent.h"
#include "bbh-agent-account.h"
#include "bbh-agent-edit.h"
#include "bbh-blacklist-entry.h"
#include "bbh-call-flow.h"
#include "bbh-channel-info.h"
#include "bbh-channel-stats.h"
#include "bbh-queued-call.h"
#include "bbh-task-count.h"
#include "bbh-task-detail.h"
#include "bbh-task-request.h"

G_BEGIN_DECLS

/* 2.1.2 / 2.11.5 getExtensions — the company's agents (BbhAgent). */
void          bbh_client_get_extensions_async           (BbhClient            *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GListModel   *bbh_client_get_extensions_finish          (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         guint64              *out_total,
                                                         GError              **error);

/* 2.1.12 registerExtension — the server picks the extension and the password. */
void          bbh_client_register_extension_async       (BbhClient            *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
BbhAgentAccount *bbh_client_register_extension_finish   (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* 2.11.1 addExtension */
void          bbh_client_add_extension_async            (BbhClient            *self,
                                                         BbhAgentEdit         *agent,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean      bbh_client_add_extension_finish           (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         gint64               *out_exte_id,
                                                         GError              **error);

/* 2.11.2 editExtension */
void          bbh_client_edit_extension_async           (BbhClient            *self,
                                                         BbhAgentEdit         *agent,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean      bbh_client_edit_extension_finish          (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* 2.11.3 delExtension */
void          bbh_client_del_extension_async            (BbhClient            *self,
                                                         gint64                exte_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean      bbh_client_del_extension_finish           (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* 2.11.4 initExtensionPassword — returns the new password. */
void          bbh_client_init_extension_password_async  (BbhClient            *self,
                                                         gint64                exte_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
char         *bbh_client_init_extension_password_finish (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* 2.2.4 setShowPhone — the caller ID an agent's calls show. */
void          bbh_client_set_show_phone_async           (BbhClient            *self,
                                                         const char           *extension,
                                                         const char           *phone,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean      bbh_client_set_show_phone_finish          (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* 2.2.1 systemChannels — channel counters and the channelviewinfo rows. */
void          bbh_client_system_channels_async          (BbhClient            *self,
                                                         const char           *company_number,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
BbhChannelStats *bbh_client_system_channels_finish      (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* 2.2.2 getChannelList — incoming calls waiting (BbhQueuedCall). */
void          bbh_client_get_channel_list_async         (BbhClient            *self,
                                                         gboolean              queue_only,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GListModel   *bbh_client_get_channel_list_finish        (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         guint64              *out_total,
                                                         GError              **error);

/* 2.2.6 addBlacklists, 2.2.7 delBlacklists */
void          bbh_client_add_blacklists_async           (BbhClient            *self,
                                                         const char * const   *phones,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean      bbh_client_add_blacklists_finish          (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void          bbh_client_del_blacklists_async           (BbhClient            *self,
                                                         const char * const   *phones,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean      bbh_client_del_blacklists_finish          (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* 2.2.8 getBlacklists (BbhBlacklistEntry) */
void          bbh_client_get_blacklists_async           (BbhClient            *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GListModel   *bbh_client_get_blacklists_finish          (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         guint64              *out_total,
                                                         GError              **error);

/* 2.10.1 findCallFlow — outbound call flows (BbhCallFlow). */
void          bbh_client_find_call_flow_async           (BbhClient            *self,
                                                         gint64                task_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GListModel   *bbh_client_find_call_flow_finish          (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         guint64              *out_total,
                                                         GError              **error);
/* {base}/voip/sound/{path}: a flow's message (bbh_call_flow_get_voice_path()). */
char         *bbh_client_dup_sound_url                  (BbhClient            *self,
                                                         const char           *path);

/* 2.10.2 addTask — returns the new task's id. */
void          bbh_client_add_task_async                 (BbhClient            *self,
                                                         BbhTaskRequest       *task,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean      bbh_client_add_task_finish                (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         gint64               *out_task_id,
                                                         GError              **error);

/* 2.10.3 findTaskMx — a page of a flow's task numbers (BbhTaskDetail) and the per-state
 * counts (BbhTaskCount). */
void          bbh_client_find_task_mx_async             (BbhClient            *self,
                                                         gint64                flow_id,
                                                         BbhTaskFilter         filter,
                                                         gint64                task_id,
                                                         const char           *task_name,
                                                         GDateTime            *start_time,
                                                         GDateTime            *end_time,
                                                         guint                 start,
                                                         guint                 limit,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GListModel   *bbh_client_find_task_mx_finish            (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         guint64              *out_total,
                                                         GListModel          **out_groups,
                                                         GError              **error);

G_END_DECLS
