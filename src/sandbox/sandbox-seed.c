/* sandbox-seed.c — the demo tenant: company 100008 and its agents, customers, calls, …
 *
 * Everything comes from one fixed-seed generator, so two runs produce the same people, numbers
 * and texts; only the dates follow "now" (calls of the last 90 days). One transaction and
 * prepared statements keep 100,000 customers and 500,000 call records in reasonable time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sandbox-seed"

#include "config.h"

#include "sandbox-db.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SEED 0x800136
#define DAY_MS G_GINT64_CONSTANT (86400000)

#define DEMO_COMP_NUMBER "100008"
#define DEMO_COMP_NAME   "重庆八百呼演示公司"
#define DEMO_PASSWORD    "02367073578"
#define ADMIN_PASSWORD   "800ing-admin"

static const char *surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
  "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
  "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
  "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
  "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹",
  "欧阳", "司马", "上官",
};

static const char *given_male[] = {
  "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华",
  "飞", "鑫", "波", "斌", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林",
  "建国", "志强", "海涛", "永红", "家豪", "子轩", "浩然", "宇航", "文博", "俊杰", "国庆",
};

static const char *given_female[] = {
  "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "琳", "倩", "颖",
  "慧", "洁", "佳", "梅", "莉", "晶", "欣", "萍", "红", "月", "瑶", "蕾", "璐", "妍", "薇",
  "秀英", "桂英", "晓燕", "雨欣", "梓涵", "诗琪", "佳怡", "思雨", "欣怡", "晓梅", "丽娟",
};

static const char *cities[] = {
  "重庆", "成都", "贵阳", "昆明", "西安", "武汉", "长沙", "南宁", "广州", "深圳",
};

static const char *corp_words[] = {
  "渝丰", "巴蜀", "嘉陵", "长江", "山城", "金鼎", "宏达", "华信", "鑫源", "恒通", "天元",
  "瑞丰", "德润", "永盛", "聚福", "中联", "博远", "凯旋", "新世纪", "蓝海", "汇川", "东方",
};

static const char *corp_trades[] = {
  "科技", "贸易", "建材", "物流", "餐饮管理", "电子", "机械制造", "医药", "房地产开发",
  "教育咨询", "汽车销售", "农业发展", "装饰工程", "信息技术", "广告传媒", "食品",
};

static const char *districts[] = {
  "渝中区", "江北区", "南岸区", "九龙坡区", "沙坪坝区", "大渡口区", "渝北区", "巴南区",
  "北碚区", "万州区", "涪陵区", "永川区", "合川区", "江津区",
};

static const char *streets[] = {
  "解放碑民族路", "观音桥步行街", "南坪西路", "杨家坪正街", "三峡广场", "建新北路",
  "龙湖西路", "金开大道", "红锦大道", "大坪正街", "石桥铺科园一路", "李家沱正街",
};

static const char *memo_texts[] = {
  "客户对产品很感兴趣，约好下周二上门演示。",
  "已发送报价单，客户说要和老板商量一下。",
  "客户嫌价格偏高，可以申请九五折。",
  "电话没人接，明天上午再打。",
  "客户要求寄样品，地址已确认。",
  "老客户回访，对售后服务满意。",
  "客户投诉上次送货延迟，已道歉并登记。",
  "意向很强，准备签合同，需要准备发票信息。",
  "客户在开会，让下午三点以后再联系。",
  "号码是前台，已转接到采购部王经理。",
  "客户暂时没有需求，半年后再跟进。",
  "约了周五下午来公司参观。",
  "已加微信，资料发到微信上了。",
  "客户询问分期付款政策，已解释。",
  "续费提醒，客户同意本月底前续约。",
};

static const char *cust_memos[] = {
  "", "", "", "重点客户", "需要开增值税专用发票", "只接受上午来电", "采购决策人", "老客户介绍",
  "对价格敏感", "要求每月回访一次",
};

static const char *industries[] = {
  "制造业", "零售", "餐饮", "教育", "医疗", "金融", "物流", "建筑", "互联网", "政府机关",
};

static const char *products[] = {
  "云呼叫中心", "录音盒子", "智能话机", "语音外呼", "短信套餐", "座席扩容",
};

static const char *sms_texts[] = {
  "【八百呼】您好，您咨询的报价单已发送到您的邮箱，请查收。",
  "【八百呼】尊敬的客户，您的订单已发货，请注意查收。",
  "【八百呼】温馨提示：您的服务将于本月底到期，请及时续费。",
  "【八百呼】感谢您的来电，如有疑问请拨打400-800-8800。",
  "好的，明天上午联系。",
  "收到，谢谢！",
};

typedef struct
{
  int         code;
  const char *text;
} HangupReason;

static const HangupReason hangup_answered[] = {
  { 16, "正常挂机" },
  { 16, "正常挂机" },
  { 16, "正常挂机" },
  { 31, "对方挂机" },
};

static const HangupReason hangup_missed[] = {
  { 17, "用户忙" },
  { 19, "无人接听" },
  { 21, "呼叫被拒绝" },
  { 487, "主叫取消" },
  { 18, "用户无响应" },
};

typedef struct
{
  const char *type;
  const char *value;
  const char *text;
} SeedCode;

static const SeedCode codes[] = {
  { "custStatus", "1", "潜在客户" },
  { "custStatus", "2", "意向客户" },
  { "custStatus", "3", "成交客户" },
  { "custStatus", "4", "流失客户" },
  { "custStatus", "5", "无效客户" },
  { "custType", "1", "个人客户" },
  { "custType", "2", "企业客户" },
  { "custType", "3", "代理商" },
  { "custType", "4", "VIP客户" },
  { "custSource", "1", "电话营销" },
  { "custSource", "2", "网络推广" },
  { "custSource", "3", "客户介绍" },
  { "custSource", "4", "展会" },
  { "custSource", "5", "老客户" },
  { "custSex", "男", "男" },
  { "custSex", "女", "女" },
  { "custBirthdayType", "0", "无" },
  { "custBirthdayType", "1", "阳历" },
  { "custBirthdayType", "2", "阴历" },
  { "cpType", "常用电话", "常用电话" },
  { "cpType", "手机", "手机" },
  { "cpType", "办公电话", "办公电话" },
  { "cpType", "家庭电话", "家庭电话" },
  { "cdrPeer", "1", "呼出" },
  { "cdrPeer", "2", "呼入" },
  { "cdrPeer", "3", "外呼呼出" },
  { "cdrPeer", "4", "外呼接听" },
  { "cdrPeer", "5", "语音留言" },
  { "csStatus", "0", "签单失败" },
  { "csStatus", "1", "签单成功" },
};

typedef struct
{
  const char *field;
  const char *name;        /* this company's label */
  const char *system_name;
  const char *code_type;
} SeedField;

static const SeedField fields[] = {
  { "custName", "客户姓名", "联系人", "" },
  { "custCorpName", "公司名称", "公司名", "" },
  { "custStatus", "客户状态", "客户状态", "custStatus" },
  { "custType", "客户类型", "客户类型", "custType" },
  { "custSource", "客户来源", "客户来源", "custSource" },
  { "custSex", "性别", "性别", "custSex" },
  { "custAge", "年龄", "年龄", "" },
  { "custBirthdayType", "生日类型", "生日类型", "custBirthdayType" },
  { "custBirthday", "生日", "生日", "" },
  { "custQQ", "QQ号码", "客户QQ", "" },
  { "custArea", "所在区域", "区域", "" },
  { "custAddr", "联系地址", "客户地址", "" },
  { "custMemo", "客户备注", "客户备注", "" },
  { "custOther1", "所属行业", "其它1", "" },
  { "custOther2", "意向产品", "其它2", "" },
  { "custOther3", "预算（万元）", "其它3", "" },
  { "cpPhone", "电话号码", "电话号码", "" },
  { "cpType", "电话类型", "电话类型", "cpType" },
  { "cpLinkMan", "联系人", "联系人", "" },
};

typedef struct
{
  const char *extension;
  const char *name;
  const char *password;
  int         status;
  int         dept;
} SeedAgent;

static const SeedAgent seed_agents[] = {
  { "800", "张晓梅", DEMO_PASSWORD, 0, 1 },
  { "801", "李建国", DEMO_PASSWORD, 0, 1 },
  { "802", "王芳", DEMO_PASSWORD, 0, 1 },
  { "803", "刘洋", DEMO_PASSWORD, 0, 1 },
  { "804", "陈静", DEMO_PASSWORD, 0, 2 },
  { "805", "杨帆", DEMO_PASSWORD, 0, 2 },
  { "806", "赵丽娟", DEMO_PASSWORD, 0, 2 },
  { "807", "黄志强", DEMO_PASSWORD, 0, 3 },
  { "808", "周婷", DEMO_PASSWORD, 0, 3 },
  { "809", "吴浩然", DEMO_PASSWORD, 9, 4 },
  { "810", "孙倩", DEMO_PASSWORD, 1, 3 },
  { "899", "管理员", ADMIN_PASSWORD, 2, 4 },
};

typedef struct
{
  SandboxDb *db;
  GRand     *rand;
  gint64     now;
  gint64     comp_id;
  gint64     agent_ids[G_N_ELEMENTS (seed_agents)];
  guint      n_customers;
  /* customers' first phone and name, to place calls with known people */
  char     **cust_phone;
  char     **cust_name;
  gint64     first_cust_id;
} Seed;

#define PICK(s, array) ((array)[g_rand_int_range ((s)->rand, 0, G_N_ELEMENTS (array))])

static gboolean
chance (Seed   *s,
        double  p)
{
  return g_rand_double (s->rand) < p;
}

static char *
make_mobile (Seed *s)
{
  static const char *prefixes[] = {
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
    "156", "157", "158", "159", "166", "170", "173", "175", "176", "177", "178", "180", "181",
    "182", "183", "185", "186", "187", "188", "189", "191", "198", "199",
  };
  return g_strdup_printf ("%s%08d", PICK (s, prefixes), g_rand_int_range (s->rand, 0, 100000000));
}

static char *
make_landline (Seed *s)
{
  static const char *codes_[] = { "023", "023", "023", "023", "028", "029", "027", "020", "010" };
  return g_strdup_printf ("%s%d%07d", PICK (s, codes_), g_rand_int_range (s->rand, 6, 9),
                          g_rand_int_range (s->rand, 0, 10000000));
}

static char *
make_name (Seed     *s,
           gboolean *out_male)
{
  gboolean male = chance (s, 0.5);

  if (out_male != NULL)
    *out_male = male;
  return g_strconcat (PICK (s, surnames), male ? PICK (s, given_male) : PICK (s, given_female),
                      NULL);
}

static gboolean
step (SandboxDb     *db,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  return sandbox_db_step_done (db, stmt, error);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  sqlite3_bind_text (stmt, index, text ? text : "", -1, SQLITE_TRANSIENT);
}

static gboolean
seed_company (Seed    *s,
              GError **error)
{
  static const char *departments[] = { "销售一部", "销售二部", "客服部", "管理部" };
  g_autofree char *admin_md5 = NULL;
  sqlite3_stmt *stmt;

  stmt = sandbox_db_prepare (s->db,
                             "INSERT INTO companies (comp_number, comp_name, push_url, channel_num,"
                             " group_call_num, create_ms) VALUES (?, ?, '', 30, 60, ?)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, DEMO_COMP_NUMBER);
  bind_text (stmt, 2, DEMO_COMP_NAME);
  sqlite3_bind_int64 (stmt, 3, s->now - 800 * DAY_MS);
  if (!step (s->db, stmt, error))
    return FALSE;
  s->comp_id = sqlite3_last_insert_rowid (sandbox_db_get_handle (s->db));

  stmt = sandbox_db_prepare (s->db, "INSERT INTO departments (dept_id, comp_id, dept_name)"
                                    " VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (departments); i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, s->comp_id * 100 + i + 1);
      sqlite3_bind_int64 (stmt, 2, s->comp_id);
      bind_text (stmt, 3, departments[i]);
      if (!step (s->db, stmt, error))
        return FALSE;
    }

  if (!sandbox_db_exec (s->db,
                        "INSERT INTO show_numbers (comp_id, shp_phone, shp_memo) "
                        "SELECT comp_id, '02367073500', '总机' FROM companies WHERE comp_number = '100008';"
                        "INSERT INTO show_numbers (comp_id, shp_phone, shp_memo) "
                        "SELECT comp_id, '02367073501', '销售专线' FROM companies WHERE comp_number = '100008';"
                        "INSERT INTO show_numbers (comp_id, shp_phone, shp_memo) "
                        "SELECT comp_id, '4008008800', '400热线' FROM companies WHERE comp_number = '100008';",
                        error))
    return FALSE;

  stmt = sandbox_db_prepare (s->db,
    "INSERT INTO agents (comp_id, exte_extension, exte_name, exte_password, exte_dept_id,"
    " exte_mobile, exte_status, exte_login_name, exte_login_type, exte_is_app, exte_shp_id,"
    " exte_memo, create_ms)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, 1,"
    " (SELECT MIN(shp_id) FROM show_numbers WHERE comp_id = ?1), ?9, ?10)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (seed_agents); i++)
    {
      const SeedAgent *a = &seed_agents[i];
      g_autofree char *md5 = sandbox_md5_upper (a->password);
      g_autofree char *mobile = make_mobile (s);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, s->comp_id);
      bind_text (stmt, 2, a->extension);
      bind_text (stmt, 3, a->name);
      bind_text (stmt, 4, md5);
      sqlite3_bind_int64 (stmt, 5, s->comp_id * 100 + a->dept);
      bind_text (stmt, 6, mobile);
      sqlite3_bind_int (stmt, 7, a->status);
      bind_text (stmt, 8, a->name);
      bind_text (stmt, 9, a->status == 2 ? "企业管理员" : a->status == 9 ? "非座席员工" : "");
      sqlite3_bind_int64 (stmt, 10, s->now - 700 * DAY_MS + i * DAY_MS);
      if (!step (s->db, stmt, error))
        return FALSE;
      s->agent_ids[i] = sqlite3_last_insert_rowid (sandbox_db_get_handle (s->db));
    }

  stmt = sandbox_db_prepare (s->db, "INSERT INTO codes (comp_id, code_type, code_value, code_text,"
                                    " code_order) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, s->comp_id);
      bind_text (stmt, 2, codes[i].type);
      bind_text (stmt, 3, codes[i].value);
      bind_text (stmt, 4, codes[i].text);
      sqlite3_bind_int (stmt, 5, i);
      if (!step (s->db, stmt, error))
        return FALSE;
    }

  stmt = sandbox_db_prepare (s->db, "INSERT INTO table_fields (comp_id, tf_field, tf_name,"
                                    " tf_system_name, tf_show, tf_order, tf_code_type)"
                                    " VALUES (?, ?, ?, ?, 1, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, s->comp_id);
      bind_text (stmt, 2, fields[i].field);
      bind_text (stmt, 3, fields[i].name);
      bind_text (stmt, 4, fields[i].system_name);
      sqlite3_bind_int (stmt, 5, i + 1);
      bind_text (stmt, 6, fields[i].code_type);
      if (!step (s->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* An agent who takes calls: 800…808 (not the staff member, the disabled one or the admin). */
static guint
pick_calling_agent (Seed *s)
{
  /* agent 800, the demo user, gets a bigger share so the demo has plenty to show */
  if (chance (s, 0.25))
    return 0;
  return g_rand_int_range (s->rand, 0, 9);
}

static gboolean
seed_customers (Seed    *s,
                guint    n,
                GError **error)
{
  static const char *sale_memos[] = { "年度服务合同", "座席扩容10个", "录音盒子2台", "短信套餐",
                                      "语音外呼包月", "" };
  sqlite3_stmt *cust, *phone, *sale;
  sqlite3 *handle = sandbox_db_get_handle (s->db);

  s->n_customers = n;
  s->cust_phone = g_new0 (char *, n + 1);
  s->cust_name = g_new0 (char *, n + 1);

  cust = sandbox_db_prepare (s->db,
    "INSERT INTO customers (comp_id, exte_id, cust_name, cust_corp_name, cust_status, cust_qq,"
    " cust_addr, cust_birthday_type, cust_birthday, cust_source, cust_age, cust_area, cust_sex,"
    " cust_memo, cust_type, cust_other1, cust_other2, cust_other3, cust_is_lock, create_ms,"
    " update_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
    " ?17, ?18, ?19, ?20, ?20)", error);
  if (cust == NULL)
    return FALSE;
  phone = sandbox_db_prepare (s->db,
    "INSERT INTO customer_phones (cust_id, comp_id, cp_phone, cp_type, cp_link_man, cp_order)"
    " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (phone == NULL)
    return FALSE;
  sale = sandbox_db_prepare (s->db,
    "INSERT INTO sales (comp_id, cust_id, exte_id, cs_extension, cs_phone, cs_cust_type,"
    " cs_status, cs_amount, cs_memo, create_ms, update_ms)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)", error);
  if (sale == NULL)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      gboolean male;
      g_autofree char *name = make_name (s, &male);
      g_autofree char *corp = NULL;
      g_autofree char *qq = NULL;
      g_autofree char *addr = NULL;
      g_autofree char *birthday = NULL;
      g_autofree char *age = NULL;
      g_autofree char *budget = NULL;
      const char *district = PICK (s, districts);
      const char *status = codes[g_rand_int_range (s->rand, 0, 5)].value;
      const char *type;
      int birthday_type = 0;
      guint agent = pick_calling_agent (s);
      gint64 created = s->now - g_rand_int_range (s->rand, 95, 730) * DAY_MS
                       - g_rand_int_range (s->rand, 0, 86400) * G_GINT64_CONSTANT (1000);
      guint n_phones;
      gint64 cust_id;

      if (chance (s, 0.6))
        {
          corp = g_strconcat (PICK (s, cities), PICK (s, corp_words), PICK (s, corp_trades),
                              "有限公司", NULL);
          type = chance (s, 0.15) ? "4" : chance (s, 0.2) ? "3" : "2";
        }
      else
        type = "1";
      if (chance (s, 0.5))
        qq = g_strdup_printf ("%d", g_rand_int_range (s->rand, 100000, 2000000000));
      addr = g_strdup_printf ("重庆市%s%s%d号", district, PICK (s, streets),
                              g_rand_int_range (s->rand, 1, 300));
      if (chance (s, 0.7))
        {
          int year = g_rand_int_range (s->rand, 1958, 2002);
          birthday_type = chance (s, 0.8) ? 1 : 2;
          birthday = g_strdup_printf ("%04d-%02d-%02d", year, g_rand_int_range (s->rand, 1, 13),
                                      g_rand_int_range (s->rand, 1, 29));
          age = g_strdup_printf ("%d", 2024 - year);
        }
      if (chance (s, 0.4))
        budget = g_strdup_printf ("%d", g_rand_int_range (s->rand, 1, 200));

      sqlite3_reset (cust);
      sqlite3_bind_int64 (cust, 1, s->comp_id);
      sqlite3_bind_int64 (cust, 2, s->agent_ids[agent]);
      bind_text (cust, 3, name);
      bind_text (cust, 4, corp);
      bind_text (cust, 5, status);
      bind_text (cust, 6, qq);
      bind_text (cust, 7, addr);
      sqlite3_bind_int (cust, 8, birthday_type);
      bind_text (cust, 9, birthday);
      bind_text (cust, 10, codes[9 + g_rand_int_range (s->rand, 0, 5)].value);
      bind_text (cust, 11, age);
      bind_text (cust, 12, district);
      bind_text (cust, 13, male ? "男" : "女");
      bind_text (cust, 14, PICK (s, cust_memos));
      bind_text (cust, 15, type);
      bind_text (cust, 16, corp ? PICK (s, industries) : "");
      bind_text (cust, 17, chance (s, 0.5) ? PICK (s, products) : "");
      bind_text (cust, 18, budget);
      sqlite3_bind_int (cust, 19, chance (s, 0.05));
      sqlite3_bind_int64 (cust, 20, created);
      if (!step (s->db, cust, error))
        return FALSE;
      cust_id = sqlite3_last_insert_rowid (handle);
      if (i == 0)
        s->first_cust_id = cust_id;

      n_phones = 1 + (chance (s, 0.5) ? 1 : 0) + (chance (s, 0.25) ? 1 : 0) + (chance (s, 0.1) ? 1 : 0);
      for (guint p = 0; p < n_phones; p++)
        {
          g_autofree char *number = NULL;
          g_autofree char *link_man = NULL;
          const char *cp_type;

          if (p == 0)
            {
              number = (corp != NULL && chance (s, 0.3)) ? make_landline (s) : make_mobile (s);
              cp_type = "常用电话";
              link_man = g_strdup (name);
            }
          else if (chance (s, 0.5))
            {
              number = make_landline (s);
              cp_type = corp ? "办公电话" : "家庭电话";
              link_man = corp ? make_name (s, NULL) : g_strdup (name);
            }
          else
            {
              number = make_mobile (s);
              cp_type = "手机";
              link_man = chance (s, 0.5) ? g_strdup (name) : make_name (s, NULL);
            }

          if (p == 0)
            {
              s->cust_phone[i] = g_strdup (number);
              s->cust_name[i] = g_strdup (name);
            }

          sqlite3_reset (phone);
          sqlite3_bind_int64 (phone, 1, cust_id);
          sqlite3_bind_int64 (phone, 2, s->comp_id);
          bind_text (phone, 3, number);
          bind_text (phone, 4, cp_type);
          bind_text (phone, 5, link_man);
          sqlite3_bind_int (phone, 6, p);
          if (!step (s->db, phone, error))
            return FALSE;
        }

      /* Some customers have signed (or lost) a deal. */
      if (chance (s, 0.08))
        {
          guint seller = pick_calling_agent (s);
          g_autofree char *ext = g_strconcat (DEMO_COMP_NUMBER, seed_agents[seller].extension, NULL);

          sqlite3_reset (sale);
          sqlite3_bind_int64 (sale, 1, s->comp_id);
          sqlite3_bind_int64 (sale, 2, cust_id);
          sqlite3_bind_int64 (sale, 3, s->agent_ids[seller]);
          bind_text (sale, 4, ext);
          bind_text (sale, 5, s->cust_phone[i]);
          bind_text (sale, 6, type);
          sqlite3_bind_int (sale, 7, chance (s, 0.7) ? 1 : 0);
          sqlite3_bind_double (sale, 8, g_rand_int_range (s->rand, 5, 500) * 100.0);
          bind_text (sale, 9, PICK (s, sale_memos));
          sqlite3_bind_int64 (sale, 10, created + g_rand_int_range (s->rand, 1, 90) * DAY_MS);
          if (!step (s->db, sale, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* A small pool of distinct recordings; each call with a recording gets its own file name,
 * hard-linked to the pool file of the same length (a copy where links are not possible). */
typedef struct
{
  char  *path;
  guint  seconds;
} PoolFile;

static gboolean
make_pool (Seed      *s,
           PoolFile  *pool,
           guint      n_pool,
           GError   **error)
{
  const char *dir = sandbox_db_get_recordings_dir (s->db);
  g_autofree char *pool_dir = g_build_filename (dir, "demo", NULL);

  if (g_mkdir_with_parents (pool_dir, 0755) != 0)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_FILE_SAVE, "Cannot create %s", pool_dir);
      return FALSE;
    }
  for (guint i = 0; i < n_pool; i++)
    {
      pool[i].seconds = 5 + (55 * i) / MAX (1, n_pool - 1);
      pool[i].path = g_strdup_printf ("demo/pool-%02u.wav", i);
      {
        g_autofree char *full = g_build_filename (dir, pool[i].path, NULL);
        if (!g_file_test (full, G_FILE_TEST_EXISTS) &&
            !sandbox_recordings_synthesize (full, pool[i].seconds, SEED + i, error))
          return FALSE;
      }
    }
  return TRUE;
}

static char *
link_recording (Seed           *s,
                const PoolFile *file,
                gint64          cdr_id,
                gint64          start_ms)
{
  const char *dir = sandbox_db_get_recordings_dir (s->db);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (start_ms / 1000);
  g_autofree char *day = g_date_time_format (dt, "%Y%m/%d");
  g_autofree char *day_dir = g_build_filename (dir, day, NULL);
  g_autofree char *relative = g_strdup_printf ("%s/%" G_GINT64_FORMAT ".wav", day, cdr_id);
  g_autofree char *target = g_build_filename (dir, relative, NULL);
  g_autofree char *source = g_build_filename (dir, file->path, NULL);

  g_mkdir_with_parents (day_dir, 0755);
  if (link (source, target) == 0 || g_file_test (target, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&relative);
  return g_strdup (file->path);
}

static int
compare_int64 (const void *a,
               const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static gboolean
seed_calls (Seed    *s,
            guint    n_calls,
            guint    n_recordings,
            GError **error)
{
  PoolFile pool[12] = { { 0 } };
  guint n_pool = n_recordings > 0 ? MIN (G_N_ELEMENTS (pool), n_recordings) : 0;
  guint recordings_left = n_recordings;
  sqlite3_stmt *cdr, *memo, *reminder;
  sqlite3 *handle = sandbox_db_get_handle (s->db);
  gboolean ok = FALSE;
  /* oldest first, so ids grow with time like the real server's */
  g_autofree gint64 *starts = g_new (gint64, n_calls);

  for (guint i = 0; i < n_calls; i++)
    starts[i] = s->now - (gint64) (g_rand_double (s->rand) * 90 * DAY_MS);
  qsort (starts, n_calls, sizeof (gint64), compare_int64);

  if (n_pool > 0 && !make_pool (s, pool, n_pool, error))
    goto out;

  cdr = sandbox_db_prepare (s->db,
    "INSERT INTO call_records (cdr_id, comp_id, exte_id, cdr_extension, exte_name, cdr_phone_num,"
    " cdr_last_phone_num, cdr_called_name, cdr_peer, cdr_start_ms, cdr_answer_ms, cdr_hangup_ms,"
    " cdr_talktime, cdr_charging_times, cdr_record_file, cdr_hangup_code, cdr_hangup_text,"
    " cdr_ivr, cdr_ivr_key, cdr_extension_ip, cdr_extension_port, cdr_phone_ip, cdr_phone_port,"
    " cdr_trunk_route, cdr_cmm_id, dial_answer)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ltrim(?6, '0'), ?7, ?8, ?9, ?10, ?11, ?12, (?12 + 59) / 60,"
    " ?13, ?14, ?15, ?16, ?17, '10.0.0.' || (?3 % 200 + 20), 'SIP/' || ?4, '218.70.12.' ||"
    " (?1 % 250 + 1), '5060', 'trunk-cq-' || (?1 % 4 + 1), ?18, ?12 > 0)", error);
  memo = sandbox_db_prepare (s->db,
    "INSERT INTO memos (comp_id, exte_id, cmm_extension, cmm_phone, cmm_phone_name, cmm_time_ms,"
    " cmm_memo, cdr_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  reminder = sandbox_db_prepare (s->db,
    "INSERT INTO reminders (cmm_id, comp_id, exte_id, nht_time, nht_time_ms, nht_is_hint,"
    " nht_phone, create_ms) VALUES (?, ?, ?, ?, ?, 1, ?, ?)", error);
  if (cdr == NULL || memo == NULL || reminder == NULL)
    goto out;

  for (guint i = 0; i < n_calls; i++)
    {
      g_autofree char *unknown = NULL;
      g_autofree char *account = NULL;
      g_autofree char *record_file = NULL;
      const char *phone, *name = "";
      const HangupReason *reason;
      guint agent = pick_calling_agent (s);
      double r = g_rand_double (s->rand);
      int peer = r < 0.45 ? 1 : r < 0.80 ? 2 : r < 0.90 ? 3 : r < 0.95 ? 4 : 5;
      gboolean answered = peer == 5 ? TRUE : chance (s, peer == 3 ? 0.55 : 0.75);
      gint64 start = starts[i];
      int ring = g_rand_int_range (s->rand, 3, 30);
      int talk = 0;
      gint64 answer = 0, hangup;
      gint64 cdr_id = sandbox_db_next_cdr_id (s->db);
      gint64 cmm_id = 0;

      if (s->n_customers > 0 && chance (s, 0.8))
        {
          guint c = g_rand_int_range (s->rand, 0, s->n_customers);
          phone = s->cust_phone[c];
          name = s->cust_name[c];
        }
      else
        phone = unknown = chance (s, 0.7) ? make_mobile (s) : make_landline (s);

      if (answered)
        {
          /* mostly short calls, a long tail */
          talk = chance (s, 0.7) ? g_rand_int_range (s->rand, 8, 180)
                                 : g_rand_int_range (s->rand, 180, 1500);
          if (peer == 5)
            talk = g_rand_int_range (s->rand, 5, 60);
          answer = start + ring * 1000;
          hangup = answer + talk * 1000;
          reason = &PICK (s, hangup_answered);
        }
      else
        {
          hangup = start + ring * 1000;
          reason = &PICK (s, hangup_missed);
        }

      if (answered && recordings_left > 0 && n_pool > 0 &&
          chance (s, (double) recordings_left / MAX (1, n_calls - i)))
        {
          const PoolFile *file = &pool[g_rand_int_range (s->rand, 0, n_pool)];

          /* the call lasts as long as its recording */
          talk = file->seconds;
          hangup = answer + talk * 1000;
          record_file = link_recording (s, file, cdr_id, start);
          recordings_left--;
        }

      account = g_strconcat (DEMO_COMP_NUMBER, seed_agents[agent].extension, NULL);

      if (answered && peer != 5 && chance (s, 0.15))
        {
          gint64 when = hangup + g_rand_int_range (s->rand, 5, 120) * 1000;

          sqlite3_reset (memo);
          sqlite3_bind_int64 (memo, 1, s->comp_id);
          sqlite3_bind_int64 (memo, 2, s->agent_ids[agent]);
          bind_text (memo, 3, account);
          bind_text (memo, 4, phone);
          bind_text (memo, 5, name);
          sqlite3_bind_int64 (memo, 6, when);
          bind_text (memo, 7, PICK (s, memo_texts));
          sqlite3_bind_int64 (memo, 8, cdr_id);
          if (!step (s->db, memo, error))
            goto out;
          cmm_id = sqlite3_last_insert_rowid (handle);

          if (chance (s, 0.12))
            {
              /* follow-ups: mostly ahead of now, some overdue */
              gint64 due = s->now + (g_rand_int_range (s->rand, -3, 14) * DAY_MS)
                           + g_rand_int_range (s->rand, 9, 18) * G_GINT64_CONSTANT (3600000)
                           - (s->now % DAY_MS);
              g_autofree char *due_text = sandbox_format_time (due);

              sqlite3_reset (reminder);
              sqlite3_bind_int64 (reminder, 1, cmm_id);
              sqlite3_bind_int64 (reminder, 2, s->comp_id);
              sqlite3_bind_int64 (reminder, 3, s->agent_ids[agent]);
              bind_text (reminder, 4, due_text);
              sqlite3_bind_int64 (reminder, 5, due);
              bind_text (reminder, 6, phone);
              sqlite3_bind_int64 (reminder, 7, when);
              if (!step (s->db, reminder, error))
                goto out;
            }
        }

      sqlite3_reset (cdr);
      sqlite3_bind_int64 (cdr, 1, cdr_id);
      sqlite3_bind_int64 (cdr, 2, s->comp_id);
      sqlite3_bind_int64 (cdr, 3, s->agent_ids[agent]);
      bind_text (cdr, 4, account);
      bind_text (cdr, 5, seed_agents[agent].name);
      bind_text (cdr, 6, phone);
      bind_text (cdr, 7, name);
      sqlite3_bind_int (cdr, 8, peer);
      sqlite3_bind_int64 (cdr, 9, start);
      sqlite3_bind_int64 (cdr, 10, answer);
      sqlite3_bind_int64 (cdr, 11, hangup);
      sqlite3_bind_int (cdr, 12, talk);
      bind_text (cdr, 13, record_file);
      sqlite3_bind_int (cdr, 14, reason->code);
      bind_text (cdr, 15, reason->text);
      bind_text (cdr, 16, peer == 2 || peer == 5 ? "主导航" : "");
      bind_text (cdr, 17, peer == 2 ? (chance (s, 0.6) ? "1" : "2") : peer == 5 ? "9" : "");
      sqlite3_bind_int64 (cdr, 18, cmm_id);
      if (!step (s->db, cdr, error))
        goto out;
    }

  if (!sandbox_db_exec (s->db,
                        "UPDATE customers SET last_call_ms = COALESCE("
                        " (SELECT MAX(r.cdr_start_ms) FROM customer_phones p"
                        "  JOIN call_records r ON r.comp_id = p.comp_id AND r.cdr_phone_num = p.cp_phone"
                        "  WHERE p.cust_id = customers.cust_id), 0)", error))
    goto out;

  ok = TRUE;

out:
  for (guint i = 0; i < G_N_ELEMENTS (pool); i++)
    g_free (pool[i].path);
  return ok;
}

static gboolean
seed_tasks (Seed    *s,
            GError **error)
{
  static const struct
  {
    const char *name;
    const char *wf;
    int         mode;
    int         sms;
    const char *sms_text;
  } flows[] = {
    { "新品推广外呼流程", "100008/366304549136128.wav", 3, 3, "【八百呼】感谢您接听，新品详情请访问官网。" },
    { "续费提醒流程", "100008/366304549136129.wav", 1, 2, "【八百呼】您的服务即将到期，请及时续费。" },
    { "满意度回访流程", "100008/366304549136130.wav", 5, 0, "" },
  };
  static const struct
  {
    const char *name;
    int         flow;
    int         add_type;
    int         details;
    double      done;
  } tasks[] = {
    { "三月新品推广", 0, 1, 160, 0.9 },
    { "到期客户续费提醒", 1, 2, 120, 0.4 },
    { "老客户满意度回访", 2, 2, 80, 0.1 },
  };
  sqlite3 *handle = sandbox_db_get_handle (s->db);
  sqlite3_stmt *flow, *task, *detail;
  gint64 flow_ids[G_N_ELEMENTS (flows)];

  flow = sandbox_db_prepare (s->db,
    "INSERT INTO call_flows (comp_id, cf_name, group_call_times, wf_path, transfer_mode,"
    " transfer_times, is_record, send_interval, sms_status, sms_tims, sms_content)"
    " VALUES (?, ?, 30, ?, ?, 20, 1, 0, ?, 5, ?)", error);
  task = sandbox_db_prepare (s->db,
    "INSERT INTO tasks (comp_id, cf_id, exte_id, ctk_name, add_type, send_time_ms, repeat_send,"
    " send_interval, allot_exte, create_ms) VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?)", error);
  detail = sandbox_db_prepare (s->db,
    "INSERT INTO task_details (ctd_id, ctk_id, comp_id, exte_id, ctd_phone, ctd_phone_name,"
    " ctd_key, ctd_text, ctd_data, ctd_status, ctd_extension, ctd_call_ms, ctd_begin_ms,"
    " ctd_success_ms, ctd_end_ms, ctd_times, ctd_result_code, ctd_wav_file, ctd_sip_round,"
    " ctd_re_num, create_ms)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, json_object('phone', ?5, 'key', ?7, 'memo', ?8),"
    " ?9, ?10, ?11, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)", error);
  if (flow == NULL || task == NULL || detail == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (flows); i++)
    {
      sqlite3_reset (flow);
      sqlite3_bind_int64 (flow, 1, s->comp_id);
      bind_text (flow, 2, flows[i].name);
      bind_text (flow, 3, flows[i].wf);
      sqlite3_bind_int (flow, 4, flows[i].mode);
      sqlite3_bind_int (flow, 5, flows[i].sms);
      bind_text (flow, 6, flows[i].sms_text);
      if (!step (s->db, flow, error))
        return FALSE;
      flow_ids[i] = sqlite3_last_insert_rowid (handle);
    }

  for (guint t = 0; t < G_N_ELEMENTS (tasks); t++)
    {
      gint64 created = s->now - (10 - 3 * t) * DAY_MS;
      g_autofree char *allot = g_strconcat (DEMO_COMP_NUMBER "800,", DEMO_COMP_NUMBER "801", NULL);
      gint64 ctk_id;

      sqlite3_reset (task);
      sqlite3_bind_int64 (task, 1, s->comp_id);
      sqlite3_bind_int64 (task, 2, flow_ids[tasks[t].flow]);
      sqlite3_bind_int64 (task, 3, s->agent_ids[G_N_ELEMENTS (seed_agents) - 1]);
      bind_text (task, 4, tasks[t].name);
      sqlite3_bind_int (task, 5, tasks[t].add_type);
      sqlite3_bind_int64 (task, 6, created);
      bind_text (task, 7, allot);
      sqlite3_bind_int64 (task, 8, created);
      if (!step (s->db, task, error))
        return FALSE;
      ctk_id = sqlite3_last_insert_rowid (handle);

      for (int d = 0; d < tasks[t].details; d++)
        {
          g_autofree char *mobile = NULL;
          g_autofree char *key = g_strdup_printf ("%04d", d + 1);
          g_autofree char *wav = NULL;
          g_autofree char *sip = NULL;
          const char *phone, *name = "";
          gboolean called = g_rand_double (s->rand) < tasks[t].done;
          guint agent = chance (s, 0.5) ? 0 : 1;
          int status = 0, talk = 0, result = 0;
          gint64 ctd_id = sandbox_db_next_ctd_id (s->db);
          gint64 call = 0, success = 0, end = 0;

          if (s->n_customers > 0 && chance (s, 0.7))
            {
              guint c = g_rand_int_range (s->rand, 0, s->n_customers);
              phone = s->cust_phone[c];
              name = s->cust_name[c];
            }
          else
            phone = mobile = make_mobile (s);

          if (called)
            {
              double r = g_rand_double (s->rand);
              status = r < 0.35 ? 3 : r < 0.8 ? 4 : 5;
              call = created + g_rand_int_range (s->rand, 60, 5 * 86400) * G_GINT64_CONSTANT (1000);
              end = call + g_rand_int_range (s->rand, 10, 40) * 1000;
              result = status == 3 ? 19 : 16;
              if (status >= 4)
                {
                  talk = g_rand_int_range (s->rand, 8, 200);
                  success = call + 8000;
                  end = success + talk * 1000;
                  wav = g_strdup_printf ("%s/%s-%" G_GINT64_FORMAT ".wav", "task", phone, ctd_id);
                }
              sip = g_strdup_printf ("SIP/100008001/%s;%s", phone, status >= 4 ? "answer;" : "");
            }

          sqlite3_reset (detail);
          sqlite3_bind_int64 (detail, 1, ctd_id);
          sqlite3_bind_int64 (detail, 2, ctk_id);
          sqlite3_bind_int64 (detail, 3, s->comp_id);
          sqlite3_bind_int64 (detail, 4, s->agent_ids[agent]);
          bind_text (detail, 5, phone);
          bind_text (detail, 6, name);
          bind_text (detail, 7, key);
          bind_text (detail, 8, t == 0 ? "您好，八百呼新品上市，欢迎咨询" : "");
          sqlite3_bind_int (detail, 9, status);
          if (status == 5)
            {
              g_autofree char *ext = g_strconcat (DEMO_COMP_NUMBER, seed_agents[agent].extension,
                                                  NULL);
              bind_text (detail, 10, ext);
            }
          else
            bind_text (detail, 10, "");
          sqlite3_bind_int64 (detail, 11, call);
          sqlite3_bind_int64 (detail, 12, success);
          sqlite3_bind_int64 (detail, 13, end);
          sqlite3_bind_int (detail, 14, talk);
          sqlite3_bind_int (detail, 15, result);
          bind_text (detail, 16, wav);
          bind_text (detail, 17, sip);
          sqlite3_bind_int (detail, 18, called ? 1 : 0);
          sqlite3_bind_int64 (detail, 19, created);
          if (!step (s->db, detail, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
seed_misc (Seed    *s,
           GError **error)
{
  sqlite3 *handle = sandbox_db_get_handle (s->db);
  sqlite3_stmt *stmt;
  gint64 dev_ids[2];

  /* blacklist */
  stmt = sandbox_db_prepare (s->db, "INSERT OR IGNORE INTO blacklist (comp_id, bla_phone, create_ms)"
                                    " VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (int i = 0; i < 30; i++)
    {
      g_autofree char *phone = chance (s, 0.8) ? make_mobile (s) : make_landline (s);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, s->comp_id);
      bind_text (stmt, 2, phone);
      sqlite3_bind_int64 (stmt, 3, s->now - g_rand_int_range (s->rand, 1, 300) * DAY_MS);
      if (!step (s->db, stmt, error))
        return FALSE;
    }

  /* SMS, sent and received */
  stmt = sandbox_db_prepare (s->db, "INSERT INTO sms (comp_id, exte_id, sms_local_id, sms_kind,"
                                    " sms_phone, sms_content, sms_time_ms, sms_list_id, sms_status,"
                                    " create_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (int i = 0; i < 300; i++)
    {
      guint agent = pick_calling_agent (s);
      gboolean sent = chance (s, 0.75);
      gint64 when = s->now - (gint64) (g_rand_double (s->rand) * 60 * DAY_MS);
      g_autofree char *local_id = g_strdup_printf ("%d", 1000 + i);
      g_autofree char *mobile = NULL;
      const char *phone = (s->n_customers > 0 && chance (s, 0.8))
                            ? s->cust_phone[g_rand_int_range (s->rand, 0, s->n_customers)]
                            : (mobile = make_mobile (s));

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, s->comp_id);
      sqlite3_bind_int64 (stmt, 2, s->agent_ids[agent]);
      bind_text (stmt, 3, local_id);
      sqlite3_bind_int (stmt, 4, sent ? 3 : 4);
      bind_text (stmt, 5, phone);
      bind_text (stmt, 6, sent ? sms_texts[g_rand_int_range (s->rand, 0, 4)]
                               : sms_texts[g_rand_int_range (s->rand, 4, 6)]);
      sqlite3_bind_int64 (stmt, 7, when);
      sqlite3_bind_int (stmt, 8, sent ? 1 + i / 50 : 0);
      sqlite3_bind_int64 (stmt, 9, when);
      if (!step (s->db, stmt, error))
        return FALSE;
    }

  /* two recording boxes with their lines, and the trunk channels */
  stmt = sandbox_db_prepare (s->db, "INSERT INTO devices (comp_id, exte_id, dev_mac, dev_name,"
                                    " dev_ip, update_ms) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *mac = g_strdup_printf ("00:1A:2B:3C:4D:%02X", 0x10 + i);
      g_autofree char *name = g_strdup_printf ("录音盒子%d号", i + 1);
      g_autofree char *ip = g_strdup_printf ("192.168.1.%d", 50 + i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, s->comp_id);
      sqlite3_bind_int64 (stmt, 2, s->agent_ids[i]);
      bind_text (stmt, 3, mac);
      bind_text (stmt, 4, name);
      bind_text (stmt, 5, ip);
      sqlite3_bind_int64 (stmt, 6, s->now);
      if (!step (s->db, stmt, error))
        return FALSE;
      dev_ids[i] = sqlite3_last_insert_rowid (handle);
    }

  stmt = sandbox_db_prepare (s->db, "INSERT INTO channels (comp_id, dev_id, exte_id, ch_name,"
                                    " ch_group_call, ch_state, ch_phone, ch_peer, ch_since_ms)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (int i = 0; i < 40; i++)
    {
      gboolean group = i >= 30;
      gboolean box = i < 4;
      int state = chance (s, 0.3) ? (chance (s, 0.7) ? 4 : 2) : 1;
      g_autofree char *name = box ? g_strdup_printf ("RJ11/%d", i % 2 + 1)
                                  : g_strdup_printf ("SIP/trunk-cq-%d-%02d", i % 4 + 1, i);
      g_autofree char *phone = state == 1 ? NULL : make_mobile (s);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, s->comp_id);
      if (box)
        sqlite3_bind_int64 (stmt, 2, dev_ids[i / 2]);
      else
        sqlite3_bind_null (stmt, 2);
      if (state != 1 && !group)
        sqlite3_bind_int64 (stmt, 3, s->agent_ids[i % 9]);
      else
        sqlite3_bind_null (stmt, 3);
      bind_text (stmt, 4, name);
      sqlite3_bind_int (stmt, 5, group);
      sqlite3_bind_int (stmt, 6, state);
      bind_text (stmt, 7, phone);
      sqlite3_bind_int (stmt, 8, state == 1 ? 0 : group ? 1 : 1 + chance (s, 0.5));
      sqlite3_bind_int64 (stmt, 9, s->now - g_rand_int_range (s->rand, 5, 600) * 1000);
      if (!step (s->db, stmt, error))
        return FALSE;
    }

  /* callers waiting in the queue */
  stmt = sandbox_db_prepare (s->db, "INSERT INTO channel_queue (comp_id, channel_name, callin_tel,"
                                    " waiting, create_ms) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (int i = 0; i < 6; i++)
    {
      g_autofree char *phone = make_mobile (s);
      g_autofree char *name = g_strdup_printf ("SIP/trunk-cq-%d-%04d", i % 4 + 1,
                                               g_rand_int_range (s->rand, 0, 10000));

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, s->comp_id);
      bind_text (stmt, 2, name);
      bind_text (stmt, 3, phone);
      sqlite3_bind_int (stmt, 4, i < 3);
      sqlite3_bind_int64 (stmt, 5, s->now - (i + 1) * 17000);
      if (!step (s->db, stmt, error))
        return FALSE;
    }

  /* earlier voice verification calls */
  stmt = sandbox_db_prepare (s->db, "INSERT INTO voice_verifications (comp_id, exte_id, ws_value,"
                                    " ws_type, ws_connect_id, ws_phone, ws_is_record, ws_command_no,"
                                    " ws_show_phone, ws_outcome, create_ms)"
                                    " VALUES (?, ?, ?, ?, ?, ?, 0, '', '02367073500', ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *code = g_strdup_printf ("%06d", g_rand_int_range (s->rand, 0, 1000000));
      g_autofree char *connect = g_strdup_printf ("%d", 90000 + i);
      g_autofree char *phone = make_mobile (s);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, s->comp_id);
      sqlite3_bind_int64 (stmt, 2, s->agent_ids[G_N_ELEMENTS (seed_agents) - 1]);
      bind_text (stmt, 3, code);
      sqlite3_bind_int (stmt, 4, 1);
      bind_text (stmt, 5, connect);
      bind_text (stmt, 6, phone);
      sqlite3_bind_int (stmt, 7, chance (s, 0.2) ? 3 : 4);
      sqlite3_bind_int64 (stmt, 8, s->now - g_rand_int_range (s->rand, 1, 30) * DAY_MS);
      if (!step (s->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
sandbox_seed_demo (SandboxDb              *db,
                   const SandboxSeedSize  *size,
                   GError                **error)
{
  SandboxSeedSize defaults = { 5000, 20000, 300 };
  Seed s = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (db != NULL, FALSE);

  if (size == NULL)
    size = &defaults;

  /* A persistent database seeded before keeps its data. */
  if (sandbox_db_lookup_company (db, DEMO_COMP_NUMBER) > 0)
    return TRUE;

  s.db = db;
  s.rand = g_rand_new_with_seed (SEED);
  s.now = sandbox_now_ms ();

  if (!sandbox_db_begin (db, error))
    goto out;

  ok = seed_company (&s, error) &&
       seed_customers (&s, size->customers, error) &&
       seed_calls (&s, size->call_records, size->recordings, error) &&
       seed_tasks (&s, error) &&
       seed_misc (&s, error) &&
       sandbox_db_commit (db, error);
  if (!ok)
    sandbox_db_rollback (db);
  else
    sandbox_db_exec (db, "ANALYZE", NULL);

out:
  g_strfreev (s.cust_phone);
  g_strfreev (s.cust_name);
  g_rand_free (s.rand);
  return ok;
}
