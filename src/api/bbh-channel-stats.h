/* bbh-channel-stats.h — the company's channels, as systemChannels reports them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BBH_TYPE_CHANNEL_STATS (bbh_channel_stats_get_type ())

G_DECLARE_FINAL_TYPE (BbhChannelStats, bbh_channel_stats, BBH, CHANNEL_STATS, GObject)

int          bbh_channel_stats_get_total_channels       (BbhChannelStats *self);
int          bbh_channel_stats_get_group_call_channels  (BbhChannelStats *self);
int          bbh_channel_stats_get_used_group_call      (BbhChannelStats *self);
int          bbh_channel_stats_get_used_normal          (BbhChannelStats *self);
int          bbh_channel_stats_get_normal_channels      (BbhChannelStats *self);
GListModel  *bbh_channel_stats_get_channels             (BbhChannelStats *self);

G_END_DECLS
