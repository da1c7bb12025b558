# Superset configuration; credentials arrive through environment variables.
import os
from urllib.parse import quote

SECRET_KEY = os.environ["SUPERSET_SECRET_KEY"]
SQLALCHEMY_DATABASE_URI = "postgresql+psycopg2://superset:{}@postgresql.datalyptica-storage.svc.cluster.local:5432/superset".format(
    quote(os.environ["SUPERSET_DB_PASSWORD"], safe="")
)
REDIS_URL = "redis://:{}@redis.datalyptica-infrastructure.svc.cluster.local:6379".format(
    quote(os.environ["REDIS_PASSWORD"], safe="")
)
CACHE_CONFIG = {
    "CACHE_TYPE": "RedisCache",
    "CACHE_DEFAULT_TIMEOUT": 300,
    "CACHE_KEY_PREFIX": "superset_",
    "CACHE_REDIS_URL": REDIS_URL + "/1",
}
DATA_CACHE_CONFIG = dict(CACHE_CONFIG, CACHE_KEY_PREFIX="superset_data_", CACHE_REDIS_URL=REDIS_URL + "/2")
FILTER_STATE_CACHE_CONFIG = dict(CACHE_CONFIG, CACHE_KEY_PREFIX="superset_filter_", CACHE_REDIS_URL=REDIS_URL + "/3")
EXPLORE_FORM_DATA_CACHE_CONFIG = dict(CACHE_CONFIG, CACHE_KEY_PREFIX="superset_explore_", CACHE_REDIS_URL=REDIS_URL + "/4")
ENABLE_PROXY_FIX = True
WTF_CSRF_ENABLED = True
